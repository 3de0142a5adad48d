#!/usr/bin/python3
"""Trainer of the embedded default VLM (see README.md next to this file for the whole pipeline).

  train.py tokenizer --data DIR... --out TOK [--vocab 4096]
  train.py train     --data DIR... --tokenizer TOK --run RUN --steps N [--seed S] [--batch-tokens T] [--lr LR]
  train.py export    --run RUN --tokenizer TOK --out CHECKPOINT [--golden-data DIR]
  train.py parity    --golden CHECKPOINT/golden.json --csharp OUT.json --logits LOGITS.json

Data folders are written by ``agents data train`` (examples.jsonl, images/) and tokenized by ``agents data tokenize``
(tokens.jsonl), so prompts and ids are exactly what the C# runtime builds. ``train`` writes RUN/state.pt every few
minutes and resumes from it when started again with the same arguments.
"""

import argparse
import json
import math
import os
import random
import shutil
import struct
import sys
import tempfile
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import vlm  # noqa: E402

IMAGE_MEAN = [0.48145466, 0.4578275, 0.40821073]
IMAGE_STD = [0.26862954, 0.26130258, 0.27577711]


def log(msg):
    print(f"[train {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_json(path, obj, indent=2):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=indent, ensure_ascii=False)
        f.write("\n")


# ----------------------------------------------------------------------------------------------------------------
# Model configuration (the llava-hf config.json the builder reads)
# ----------------------------------------------------------------------------------------------------------------

def model_config(vocab_pieces, size):
    presets = {
        # vision: 224 px, patch 16 -> 196 visual tokens + [CLS]
        "mini": dict(v_hidden=192, v_layers=6, v_heads=3, v_inter=768, t_hidden=256, t_layers=6, t_heads=4, t_kv=2, t_inter=768),
        "micro": dict(v_hidden=128, v_layers=4, v_heads=2, v_inter=512, t_hidden=192, t_layers=4, t_heads=3, t_kv=3, t_inter=512),
    }
    p = presets[size]
    image_token, pad_token = vocab_pieces, vocab_pieces + 1
    vocab = vocab_pieces + 2
    text = {
        "model_type": "llama", "architectures": ["LlamaForCausalLM"],
        "hidden_size": p["t_hidden"], "intermediate_size": p["t_inter"], "num_hidden_layers": p["t_layers"],
        "num_attention_heads": p["t_heads"], "num_key_value_heads": p["t_kv"], "head_dim": p["t_hidden"] // p["t_heads"],
        "hidden_act": "silu", "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "rope_scaling": None,
        "max_position_embeddings": 1536, "vocab_size": vocab, "attention_bias": False, "attention_dropout": 0.0,
        "mlp_bias": False, "pretraining_tp": 1, "initializer_range": 0.02, "tie_word_embeddings": False,
        "use_cache": True, "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": pad_token, "torch_dtype": "float32",
    }
    vision = {
        "model_type": "clip_vision_model", "hidden_size": p["v_hidden"], "intermediate_size": p["v_inter"],
        "projection_dim": p["v_hidden"], "num_hidden_layers": p["v_layers"], "num_attention_heads": p["v_heads"],
        "num_channels": 3, "image_size": 224, "patch_size": 16, "hidden_act": "quick_gelu", "layer_norm_eps": 1e-5,
        "attention_dropout": 0.0, "dropout": 0.0, "initializer_factor": 1.0, "initializer_range": 0.02,
        "torch_dtype": "float32",
    }
    return {
        "architectures": ["LlavaForConditionalGeneration"], "model_type": "llava", "ignore_index": -100,
        "image_token_index": image_token, "image_seq_length": 196, "pad_token_id": pad_token,
        "bos_token_id": 1, "eos_token_id": 2, "projector_hidden_act": "gelu", "multimodal_projector_bias": True,
        # features from the last layer: no layer is trained only to be thrown away
        "vision_feature_layer": -1, "vision_feature_select_strategy": "default", "tie_word_embeddings": False,
        "torch_dtype": "float32", "text_config": text, "vision_config": vision,
    }


# ----------------------------------------------------------------------------------------------------------------
# Tokenizer
# ----------------------------------------------------------------------------------------------------------------

def cmd_tokenizer(args):
    import sentencepiece as spm
    os.makedirs(args.out, exist_ok=True)
    lines = []
    for d in args.data:
        for ex in read_jsonl(os.path.join(d, "examples.jsonl")):
            text = ex["prompt"].replace("<image>", " ") + " " + ex["answer"]
            lines.extend(line for line in text.split("\n") if line.strip())
    rng = random.Random(1234)
    rng.shuffle(lines)
    with tempfile.TemporaryDirectory() as td:
        with open(os.path.join(td, "corpus.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines[: args.max_lines]) + "\n")
        cwd = os.getcwd()
        os.chdir(td)
        try:
            # Pieces may span spaces (split_by_whitespace=False): the fixed instruction text of the plugins' prompts
            # then costs a few tokens instead of one per word. Digits stay single so coordinates are compositional.
            spm.SentencePieceTrainer.train(
                input="corpus.txt", model_prefix="sp", model_type="bpe", vocab_size=args.vocab,
                byte_fallback=True, unk_id=0, bos_id=1, eos_id=2, pad_id=-1, character_coverage=1.0,
                num_threads=2, shuffle_input_sentence=False, add_dummy_prefix=True,
                normalization_rule_name="identity", remove_extra_whitespaces=False, split_digits=True,
                split_by_whitespace=False, max_sentencepiece_length=args.max_piece, minloglevel=2)
        finally:
            os.chdir(cwd)
        shutil.copyfile(os.path.join(td, "sp.model"), os.path.join(args.out, "tokenizer.model"))
    sp = spm.SentencePieceProcessor(model_file=os.path.join(args.out, "tokenizer.model"))
    n = sp.get_piece_size()
    assert sp.id_to_piece(0) == "<unk>" and sp.id_to_piece(1) == "<s>" and sp.id_to_piece(2) == "</s>"
    write_tokenizer_files(args.out, n)
    sample = lines[:200]
    tokens = sum(len(sp.encode(s)) for s in sample)
    chars = sum(len(s) for s in sample)
    log(f"tokenizer: {n} pieces (+<image> {n}, <pad> {n + 1}); {chars / max(1, tokens):.2f} characters per token on 200 lines")


def special(content):
    return {"content": content, "lstrip": False, "normalized": False, "rstrip": False, "single_word": False, "special": True}


def write_tokenizer_files(folder, pieces):
    write_json(os.path.join(folder, "tokenizer_config.json"), {
        "add_bos_token": True, "add_eos_token": False, "add_prefix_space": None,
        "added_tokens_decoder": {"0": special("<unk>"), "1": special("<s>"), "2": special("</s>"),
                                 str(pieces): special("<image>"), str(pieces + 1): special("<pad>")},
        "bos_token": "<s>", "clean_up_tokenization_spaces": False, "eos_token": "</s>",
        "extra_special_tokens": {"image_token": "<image>"}, "image_token": "<image>", "legacy": False,
        "model_max_length": 1536, "pad_token": "<pad>", "padding_side": "left", "processor_class": "LlavaProcessor",
        "sp_model_kwargs": {}, "tokenizer_class": "LlamaTokenizer", "unk_token": "<unk>", "use_default_system_prompt": False,
    })

    def tok(c):
        return {"content": c, "lstrip": False, "normalized": False, "rstrip": False, "single_word": False}
    write_json(os.path.join(folder, "special_tokens_map.json"), {
        "bos_token": tok("<s>"), "eos_token": tok("</s>"), "image_token": "<image>", "pad_token": tok("<pad>"), "unk_token": tok("<unk>")})


def tokenizer_pieces(folder):
    import sentencepiece as spm
    return spm.SentencePieceProcessor(model_file=os.path.join(folder, "tokenizer.model")).get_piece_size()


# ----------------------------------------------------------------------------------------------------------------
# Images: CLIPImageProcessor with size {224, 224} and no crop (the whole screenshot, squeezed), as the C# runtime does
# ----------------------------------------------------------------------------------------------------------------

def load_pixels_uint8(path, size=224):
    from PIL import Image
    with Image.open(path) as im:
        im = im.convert("RGB")
        im = im.resize((size, size), resample=Image.BICUBIC)
        return np.asarray(im, dtype=np.uint8)


def normalize(px_uint8):
    """[n, h, w, 3] uint8 -> [n, 3, h, w] float32, HF's order of operations (rescale, then (x - mean) / std)."""
    x = torch.from_numpy(px_uint8).float() * np.float32(1 / 255)
    mean = torch.tensor(IMAGE_MEAN, dtype=torch.float32)
    std = torch.tensor(IMAGE_STD, dtype=torch.float32)
    return ((x - mean) / std).permute(0, 3, 1, 2).contiguous()


class DataSet:
    """Examples of one or more data folders: ids from tokens.jsonl, images cached as uint8 arrays."""

    def __init__(self, folders, image_token, max_len, caps=None):
        self.items, images = [], {}
        caps, taken = dict(caps or {}), {}
        for d in folders:
            examples = {e["id"]: e for e in read_jsonl(os.path.join(d, "examples.jsonl"))}
            for t in read_jsonl(os.path.join(d, "tokens.jsonl")):
                e = examples[t["id"]]
                if e["task"] in caps and taken.get(e["task"], 0) >= caps[e["task"]]:
                    continue
                taken[e["task"]] = taken.get(e["task"], 0) + 1
                paths = [os.path.join(d, p) for p in e["images"]]
                for p in paths:
                    images.setdefault(p, len(images))
                n_img = sum(1 for i in t["prompt_ids"] if i == image_token)
                if n_img != len(paths):
                    raise ValueError(f"{d}: example {e['id']} has {len(paths)} images but {n_img} image tokens")
                length = len(t["prompt_ids"]) + 195 * n_img + len(t["answer_ids"])
                if length > max_len:
                    continue
                self.items.append({"id": e["id"], "task": e["task"], "prompt": t["prompt_ids"], "answer": t["answer_ids"],
                                   "images": [images[p] for p in paths], "length": length})
        self.pixels = self._cache(folders, images)
        per_task = {}
        for it in self.items:
            per_task[it["task"]] = per_task.get(it["task"], 0) + 1
        log(f"data: {len(self.items)} examples ({', '.join(f'{k} {v}' for k, v in sorted(per_task.items()))}), "
            f"{len(images)} images, mean length {sum(it['length'] for it in self.items) / max(1, len(self.items)):.0f} positions")

    @staticmethod
    def _cache(folders, images):
        key = os.path.join(folders[0], f"pixels-224-{len(images)}.npy")
        if os.path.exists(key):
            return np.load(key, mmap_mode="r")
        arr = np.zeros((max(1, len(images)), 224, 224, 3), dtype=np.uint8)
        start = time.time()
        for i, (p, row) in enumerate(images.items()):
            arr[row] = load_pixels_uint8(p)
            if i % 500 == 0:
                log(f"preprocessing images {i}/{len(images)} ({time.time() - start:.0f} s)")
        np.save(key, arr)
        return arr

    def batches(self, seed, epoch, batch_tokens):
        rng = random.Random(seed * 1000003 + epoch)
        order = list(range(len(self.items)))
        rng.shuffle(order)
        out, chunk = [], 64 * 8
        for c in range(0, len(order), chunk):
            part = sorted(order[c:c + chunk], key=lambda i: self.items[i]["length"])
            batch, longest = [], 0
            for i in part:
                longest2 = max(longest, self.items[i]["length"])
                if batch and longest2 * (len(batch) + 1) > batch_tokens:
                    out.append(batch)
                    batch, longest2 = [], self.items[i]["length"]
                batch.append(i)
                longest = longest2
            if batch:
                out.append(batch)
        rng.shuffle(out)
        return out

    def make_batch(self, indices):
        inputs, answers, rows = [], [], []
        for i in indices:
            it = self.items[i]
            inputs.append(it["prompt"] + it["answer"][:-1])
            first = len(it["prompt"]) + 195 * len(it["images"])
            answers.append((first, it["answer"]))
            rows.extend(it["images"])
        pixels = normalize(np.asarray(self.pixels[rows])) if rows else None
        return {"inputs": inputs, "answers": answers, "pixels": pixels}


# ----------------------------------------------------------------------------------------------------------------
# Training
# ----------------------------------------------------------------------------------------------------------------

def cmd_train(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.run, exist_ok=True)
    pieces = tokenizer_pieces(args.tokenizer)
    config = model_config(pieces, args.size)
    caps = dict((k, int(v)) for k, v in (c.split("=") for c in args.cap.split(",") if c)) if args.cap else {}
    data = DataSet(args.data, config["image_token_index"], args.max_len, caps)
    model = vlm.LlavaModel(config)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.dim() >= 2]
    no_decay = [p for p in params if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.98), eps=1e-8)
    state_path = os.path.join(args.run, "state.pt")
    step, epoch, position, elapsed = 0, 0, 0, 0.0
    history = []
    if os.path.exists(state_path):
        st = torch.load(state_path)
        model.load_state_dict(st["model"])
        opt.load_state_dict(st["optimizer"])
        step, epoch, position, elapsed, history = st["step"], st["epoch"], st["position"], st["elapsed"], st["history"]
        torch.set_rng_state(st["torch_rng"])
        log(f"resumed at step {step} (epoch {epoch}, {elapsed / 60:.1f} min trained)")
    write_json(os.path.join(args.run, "config.json"), config)
    n_params = sum(p.numel() for p in model.parameters())
    log(f"model '{args.size}': {n_params / 1e6:.2f} M parameters; {args.steps} steps of <= {args.batch_tokens} tokens")

    def lr_at(s):
        warm = min(1.0, (s + 1) / args.warmup)
        progress = min(1.0, s / max(1, args.steps))
        return args.lr * warm * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))

    batches = data.batches(args.seed, epoch, args.batch_tokens)
    last_save = time.time()
    window = []
    model.train()
    while step < args.steps:
        if position >= len(batches):
            epoch, position = epoch + 1, 0
            batches = data.batches(args.seed, epoch, args.batch_tokens)
        t0 = time.time()
        batch = data.make_batch(batches[position])
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        loss, acc = model.loss(batch)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step, position = step + 1, position + 1
        elapsed += time.time() - t0
        window.append((float(loss), float(acc), len(batch["inputs"])))
        if step % args.log_every == 0 or step == args.steps:
            l = sum(w[0] for w in window) / len(window)
            a = sum(w[1] for w in window) / len(window)
            ex = sum(w[2] for w in window)
            rate = elapsed / step
            history.append({"step": step, "epoch": epoch, "loss": l, "token_accuracy": a, "minutes": elapsed / 60})
            log(f"step {step}/{args.steps} epoch {epoch} loss {l:.4f} answer-token acc {a:.3f} "
                f"({ex / len(window):.1f} ex/step, {rate:.2f} s/step, eta {(args.steps - step) * rate / 60:.1f} min)")
            window = []
        if time.time() - last_save > args.save_minutes * 60 or step == args.steps:
            save_state(state_path, model, opt, step, epoch, position, elapsed, history)
            last_save = time.time()
    log(f"done: {step} steps, {elapsed / 60:.1f} min")


def save_state(path, model, opt, step, epoch, position, elapsed, history):
    tmp = path + ".tmp"
    torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "step": step, "epoch": epoch,
                "position": position, "elapsed": elapsed, "history": history, "torch_rng": torch.get_rng_state()}, tmp)
    os.replace(tmp, path)


# ----------------------------------------------------------------------------------------------------------------
# Export: llava-hf checkpoint folder + golden outputs for the C# builder's parity check
# ----------------------------------------------------------------------------------------------------------------

def write_safetensors(path, tensors, metadata=None):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous().to(torch.float32)
        b = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    if metadata:
        header["__metadata__"] = metadata
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def preprocessor_config():
    return {
        "crop_size": {"height": 224, "width": 224}, "do_center_crop": False, "do_convert_rgb": True,
        "do_normalize": True, "do_rescale": True, "do_resize": True, "image_mean": IMAGE_MEAN,
        "image_processor_type": "CLIPImageProcessor", "image_std": IMAGE_STD, "processor_class": "LlavaProcessor",
        "resample": 3, "rescale_factor": 1 / 255, "size": {"height": 224, "width": 224},
    }


def cmd_export(args):
    torch.set_num_threads(args.threads)
    config = read_json(os.path.join(args.run, "config.json"))
    model = vlm.LlavaModel(config)
    st = torch.load(os.path.join(args.run, "state.pt"))
    model.load_state_dict(st["model"])
    model.eval()
    os.makedirs(args.out, exist_ok=True)
    tensors = {k: v for k, v in model.state_dict().items()}
    write_safetensors(os.path.join(args.out, "model.safetensors"), tensors, {"format": "pt"})
    write_json(os.path.join(args.out, "config.json"), config)
    write_json(os.path.join(args.out, "generation_config.json"), {"bos_token_id": 1, "eos_token_id": 2, "pad_token_id": config["pad_token_id"]})
    write_json(os.path.join(args.out, "preprocessor_config.json"), preprocessor_config())
    write_json(os.path.join(args.out, "processor_config.json"), {
        "image_token": "<image>", "num_additional_image_tokens": 1, "patch_size": 16, "processor_class": "LlavaProcessor",
        "vision_feature_select_strategy": "default"})
    for f in ("tokenizer.model", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copyfile(os.path.join(args.tokenizer, f), os.path.join(args.out, f))
    write_json(os.path.join(args.out, "training.json"), {"steps": st["step"], "epochs": st["epoch"], "minutes": st["elapsed"] / 60,
                                                        "history": st["history"]})
    if args.golden_data:
        golden(model, config, args.golden_data, args.out, args.golden_count)
    log(f"exported {args.out} (step {st['step']})")


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def golden(model, config, folder, out, count):
    """Prefill logits at the last prompt position and 16 greedy ids for a few examples, for the C# parity check."""
    examples = {e["id"]: e for e in read_jsonl(os.path.join(folder, "examples.jsonl"))}
    tokens = read_jsonl(os.path.join(folder, "tokens.jsonl"))
    chosen, seen = [], set()
    for t in tokens:
        e = examples[t["id"]]
        if e["task"] in seen:
            continue
        seen.add(e["task"])
        chosen.append((t, e))
        if len(chosen) == count:
            break
    cases = []
    for t, e in chosen:
        img = [os.path.join(folder, p) for p in e["images"]]
        pixels = normalize(np.stack([load_pixels_uint8(p) for p in img])) if img else None
        logits = model.prefill_logits(t["prompt_ids"], pixels)[-1]
        ids, margins = model.greedy(t["prompt_ids"], pixels, 16, eos=2)
        os.makedirs(os.path.join(out, "golden"), exist_ok=True)
        local = []
        for k, p in enumerate(img):
            name = f"{e['id']}-{k}{os.path.splitext(p)[1]}"
            shutil.copyfile(p, os.path.join(out, "golden", name))
            local.append("golden/" + name)
        cases.append({"id": e["id"], "task": e["task"], "prompt_ids": t["prompt_ids"], "images": local,
                      "prefill_logits_last": [float(x) for x in logits], "greedy_ids": ids,
                      "greedy_margins": margins, "answer_ids": t["answer_ids"]})
    write_json(os.path.join(out, "golden.json"), {"cases": cases}, indent=None)


def cmd_parity(args):
    gold = read_json(args.golden)["cases"][args.case]
    ours = read_json(args.csharp)
    logits = read_json(args.logits)
    a = np.asarray(gold["prefill_logits_last"], dtype=np.float64)
    b = np.asarray(logits, dtype=np.float64)
    diff = float(np.max(np.abs(a - b)))
    ids = ours.get("ids") or ours.get("token_ids") or ours.get("completion_ids")
    expected = gold["greedy_ids"]
    if expected and expected[-1] == 2:
        expected = expected[:-1]
    same = ids is not None and list(ids[: len(expected)]) == expected
    log(f"parity {gold['id']} ({gold['task']}): max |logit diff| {diff:.2e}; greedy ids {'match' if same else 'DIFFER'} "
        f"(python {expected}, c# {ids})")
    if diff > args.tolerance or not same:
        sys.exit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("tokenizer")
    t.add_argument("--data", nargs="+", required=True)
    t.add_argument("--out", required=True)
    t.add_argument("--vocab", type=int, default=4096)
    t.add_argument("--max-piece", type=int, default=16)
    t.add_argument("--max-lines", type=int, default=400000)
    r = sub.add_parser("train")
    r.add_argument("--data", nargs="+", required=True)
    r.add_argument("--tokenizer", required=True)
    r.add_argument("--run", required=True)
    r.add_argument("--steps", type=int, required=True)
    r.add_argument("--size", default="mini", choices=["mini", "micro"])
    r.add_argument("--seed", type=int, default=11)
    r.add_argument("--batch-tokens", type=int, default=4096)
    r.add_argument("--lr", type=float, default=1.5e-3)
    r.add_argument("--warmup", type=int, default=100)
    r.add_argument("--max-len", type=int, default=1400)
    r.add_argument("--threads", type=int, default=2)
    r.add_argument("--log-every", type=int, default=20)
    r.add_argument("--save-minutes", type=float, default=5)
    r.add_argument("--cap", default="tool-call=1500", help="at most N examples of a task (the first N), e.g. tool-call=1500")
    e = sub.add_parser("export")
    e.add_argument("--run", required=True)
    e.add_argument("--tokenizer", required=True)
    e.add_argument("--out", required=True)
    e.add_argument("--golden-data")
    e.add_argument("--golden-count", type=int, default=4)
    e.add_argument("--threads", type=int, default=2)
    p = sub.add_parser("parity")
    p.add_argument("--golden", required=True)
    p.add_argument("--case", type=int, default=0)
    p.add_argument("--csharp", required=True)
    p.add_argument("--logits", required=True)
    p.add_argument("--tolerance", type=float, default=1e-3)
    args = ap.parse_args()
    {"tokenizer": cmd_tokenizer, "train": cmd_train, "export": cmd_export, "parity": cmd_parity}[args.cmd](args)


if __name__ == "__main__":
    main()
