#!/usr/bin/python3
"""Trainer of the embedded default VLM (see README.md next to this file for the whole pipeline).

  train.py tokenizer --data DIR... --out TOK [--vocab 4096]
  train.py train     --data DIR... --tokenizer TOK --run RUN --steps N [--seed S] [--batch-tokens T] [--lr LR]
  train.py export    --run RUN --tokenizer TOK --out CHECKPOINT [--golden-data DIR]
  train.py pretrain-vision --run RUN --data DIR... [--steps 600]
  train.py check     --run RUN --tokenizer TOK --data DIR... [--per-task 20]
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

FACE_TASK = "affect-face"
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

    def __init__(self, folders, image_token, max_len, caps=None, weights=None):
        self.items, images = [], {}
        self.weights = dict(weights or {})
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
                                   "images": [images[p] for p in paths], "length": length,
                                   "label": (e.get("meta") or {}).get("label") if e["task"] == FACE_TASK else None})
        self.pixels = self._cache(folders, images)
        self.vision = None  # the frozen tower's output per image (cache_vision)
        self.labels = sorted({it["label"] for it in self.items if it["label"]})
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
        order = []
        for i, it in enumerate(self.items):
            # a task weight w repeats each example floor(w) times in the epoch, and once more with probability frac(w)
            w = self.weights.get(it["task"], 1.0)
            order.extend([i] * (int(w) + (1 if rng.random() < w - int(w) else 0)))
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
        inputs, answers, rows, labels = [], [], [], []
        for i in indices:
            it = self.items[i]
            inputs.append(it["prompt"] + it["answer"][:-1])
            first = len(it["prompt"]) + 195 * len(it["images"])
            answers.append((first, it["answer"]))
            rows.extend(it["images"])
            label = self.labels.index(it["label"]) if it["label"] else -100
            labels.extend([label] * len(it["images"]))
        if self.vision is not None:
            return {"inputs": inputs, "answers": answers, "pixels": None, "image_labels": labels,
                    "vision": self.vision[rows] if rows else None}
        pixels = normalize(np.asarray(self.pixels[rows])) if rows else None
        return {"inputs": inputs, "answers": answers, "pixels": pixels, "image_labels": labels}

    @torch.no_grad()
    def cache_vision(self, model, chunk=64):
        """With the tower frozen its output for an image never changes: compute it once for every image (the last
        hidden states the projector reads), so a step costs the projector and the decoder only."""
        start, tower = time.time(), model.vision_tower.vision_model
        was = tower.training
        tower.eval()
        parts = []
        for k in range(0, len(self.pixels), chunk):
            parts.append(tower(normalize(np.asarray(self.pixels[k:k + chunk])), model.feature_layers))
        tower.train(was)
        self.vision = torch.cat(parts) if parts else None
        log(f"frozen tower: {len(self.pixels)} images encoded once ({time.time() - start:.0f} s)")


# ----------------------------------------------------------------------------------------------------------------
# Training
# ----------------------------------------------------------------------------------------------------------------

def parse_pairs(text, kind):
    """'a=1,b=2.5' -> {'a': kind('1'), 'b': kind('2.5')}."""
    return dict((k, kind(v)) for k, v in (c.split("=") for c in text.split(",") if c)) if text else {}


class FaceHead(torch.nn.Module):
    """Training-only auxiliary head: the face's emotion from the visual tokens before the projector, pooled by a
    learned attention query over the patch tokens ([CLS] left out, since the decoder never sees it).

    It gives the vision tower a direct signal on the one task whose answer is a visual class, so that the patch
    tokens the decoder reads carry the expression. The pooling is attention, not a mean: the cues (mouth, brows, eyes)
    sit in a few of the 196 patches, and a mean drowns them in the background. It is not part of the checkpoint: the
    exported model is LLaVA's architecture, and the decoder still has to read the emotion from the visual tokens."""

    def __init__(self, hidden, labels, pool="attention", clues=0):
        super().__init__()
        self.pool = pool
        if pool == "attention":
            self.norm = torch.nn.LayerNorm(hidden)
            self.query = torch.nn.Parameter(torch.zeros(hidden))
        self.linear = torch.nn.Linear(hidden, labels)
        # run 4's vision stage: one logit per clue of the answer ("open smile", "tears", ...), a multi-label target
        # with several bits per face where the emotion gives one label
        self.clues = torch.nn.Linear(hidden, clues) if clues else None

    def pooled(self, vision):
        if self.pool == "mean":  # run 2's first 789 steps
            return vision[:, 1:].mean(dim=1)
        patches = self.norm(vision[:, 1:])
        weights = torch.softmax(patches @ self.query / math.sqrt(patches.shape[-1]), dim=1)
        return (weights.unsqueeze(-1) * patches).sum(dim=1)

    def forward(self, vision):
        return self.linear(self.pooled(vision))

    def both(self, vision):
        """Emotion logits and clue logits (the latter None without clue outputs)."""
        x = self.pooled(vision)
        return self.linear(x), (self.clues(x) if self.clues is not None else None)


def cmd_train(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.run, exist_ok=True)
    pieces = tokenizer_pieces(args.tokenizer)
    config = model_config(pieces, args.size)
    data = DataSet(args.data, config["image_token_index"], args.max_len, parse_pairs(args.cap, int),
                   parse_pairs(args.task_weight, float))
    model = vlm.LlavaModel(config)
    if args.freeze_vision:
        # LLaVA's recipe: the vision tower (trained in the vision stage) stays fixed; projector and decoder learn to read it
        for p in model.vision_tower.parameters():
            p.requires_grad_(False)
    head = FaceHead(config["vision_config"]["hidden_size"], max(1, len(data.labels)), args.face_pool) if args.aux_face > 0 else None
    model_params = [p for p in model.parameters() if p.requires_grad]
    model_names = [n for n, p in model.named_parameters() if p.requires_grad]
    head_params = list(head.parameters()) if head else []
    params = model_params + head_params
    # Groups: the model's (decayed, not decayed), then the head's, so a state saved with another head keeps the
    # model's optimizer state (see load_optimizer).
    groups = [{"params": [p for p in model_params if p.dim() >= 2], "weight_decay": 0.05},
              {"params": [p for p in model_params if p.dim() < 2], "weight_decay": 0.0}]
    if head_params:
        groups += [{"params": [p for p in head_params if p.dim() >= 2], "weight_decay": 0.05},
                   {"params": [p for p in head_params if p.dim() < 2], "weight_decay": 0.0}]
    opt = torch.optim.AdamW(groups, lr=args.lr, betas=(0.9, 0.98), eps=1e-8)
    state_path = os.path.join(args.run, "state.pt")
    step, epoch, position, elapsed = 0, 0, 0, 0.0
    history, stages = [], []
    if os.path.exists(state_path):
        st = torch.load(state_path)
        model.load_state_dict(st["model"])
        if head is not None and st.get("aux") is not None and set(st["aux"]) == set(head.state_dict()):
            head.load_state_dict(st["aux"])
        if "optimizer" in st:  # a state made by the vision stage alone has none yet
            load_optimizer(opt, st["optimizer"], st.get("optimizer_names") or legacy_names(model), group_names(model_names, model_params))
        step, epoch, position, elapsed, history = st["step"], st["epoch"], st["position"], st["elapsed"], st["history"]
        stages = st.get("stages", [])
        torch.set_rng_state(st["torch_rng"])
        log(f"resumed at step {step} (epoch {epoch}, {elapsed / 60:.1f} min trained)")
    write_json(os.path.join(args.run, "config.json"), config)
    n_params = sum(p.numel() for p in model.parameters())
    log(f"model '{args.size}': {n_params / 1e6:.2f} M parameters; {args.steps} steps of <= {args.batch_tokens} tokens"
        + (f"; auxiliary face head over {len(data.labels)} labels, weight {args.aux_face}" if head else ""))

    if args.freeze_vision:
        data.cache_vision(model)

    def lr_at(s):
        warm = min(1.0, (s + 1) / args.warmup)
        progress = min(1.0, s / max(1, args.steps))
        return args.lr * warm * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))

    batches = data.batches(args.seed, epoch, args.batch_tokens)
    leg_step, leg_elapsed = step, elapsed
    last_save = time.time()
    window, task_window = [], {}
    model.train()
    until = args.until or args.steps
    while step < until:
        if position >= len(batches):
            epoch, position = epoch + 1, 0
            batches = data.batches(args.seed, epoch, args.batch_tokens)
        t0 = time.time()
        batch = data.make_batch(batches[position])
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        loss, acc, vision, per_example, prompt_loss = model.loss(batch, return_vision=True, prompt_loss=args.prompt_loss > 0)
        for i, (l_i, exact_i) in zip(batches[position], per_example):
            agg = task_window.setdefault(data.items[i]["task"], [0.0, 0.0, 0])
            agg[0] += l_i
            agg[1] += exact_i
            agg[2] += 1
        aux_loss, aux_acc = torch.zeros(()), float("nan")
        if head is not None and vision is not None:
            labels = torch.tensor(batch["image_labels"])
            chosen = labels >= 0
            if bool(chosen.any()):
                logits = head(vision[chosen])
                aux_loss = torch.nn.functional.cross_entropy(logits, labels[chosen])
                aux_acc = float((logits.argmax(-1) == labels[chosen]).float().mean())
        total = loss + args.aux_face * aux_loss + args.prompt_loss * prompt_loss
        opt.zero_grad(set_to_none=True)
        total.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step, position = step + 1, position + 1
        elapsed += time.time() - t0
        window.append((float(loss), float(acc), len(batch["inputs"]), float(aux_loss), aux_acc, float(prompt_loss)))
        if step % args.log_every == 0 or step == args.steps:
            l = sum(w[0] for w in window) / len(window)
            a = sum(w[1] for w in window) / len(window)
            ex = sum(w[2] for w in window)
            faces = [w[4] for w in window if not math.isnan(w[4])]
            fa = sum(faces) / len(faces) if faces else float("nan")
            rate = (elapsed - leg_elapsed) / max(1, step - leg_step)  # this leg's steps (not the vision stage's minutes)
            tasks = {k: {"loss": v[0] / v[2], "exact": v[1] / v[2], "n": v[2]} for k, v in sorted(task_window.items())}
            history.append({"step": step, "epoch": epoch, "loss": l, "token_accuracy": a, "face_head_accuracy": fa,
                            "minutes": elapsed / 60, "tasks": tasks})
            pl = sum(w[5] for w in window) / len(window)
            log(f"step {step}/{args.steps} epoch {epoch} loss {l:.4f} answer-token acc {a:.3f}"
                + (f" face-head acc {fa:.2f}" if head else "") + (f" prompt loss {pl:.3f}" if args.prompt_loss > 0 else "")
                + f" ({ex / len(window):.1f} ex/step, {rate:.2f} s/step, eta {(args.steps - step) * rate / 60:.1f} min)")
            if step % (args.log_every * 5) == 0:
                log("  per task (loss / teacher-forced exact): " + ", ".join(
                    f"{k} {v['loss']:.2f}/{v['exact']:.2f}" for k, v in tasks.items()))
            window, task_window = [], {}
        if time.time() - last_save > args.save_minutes * 60 or step == until:
            save_state(state_path, model, opt, step, epoch, position, elapsed, history, head,
                       group_names(model_names, model_params), stages)
            last_save = time.time()
    log(f"{'done' if step == args.steps else 'stopped'}: {step} steps, {elapsed / 60:.1f} min")


def cmd_pretrain_vision(args):
    """Stage 0 of the vision tower: supervised face-emotion classification on the training faces (mean-pooled visual
    tokens, the training-only ``FaceHead``), batches of faces only, with flips and small shifts. It updates the model
    and the head in RUN/state.pt and keeps the multitask optimizer's state, so ``train`` continues from it.

    Why: in the multitask run the tower gets its gradient through a decoder that can already lower its loss without
    looking (formats, tool names, candidate lists), and after 700 steps a linear probe on its features read the
    emotion barely above chance. A ViT trained from scratch needs many labelled images before it sees shapes; this
    stage gives it them at the cost of the vision tower alone (about 1/6 of a multitask step per face)."""
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    state_path = os.path.join(args.run, "state.pt")
    if os.path.exists(state_path):
        st = torch.load(state_path)
        config = read_json(os.path.join(args.run, "config.json"))
        model = vlm.LlavaModel(config)
        model.load_state_dict(st["model"])
    else:
        # run 4: the vision stage comes first, so it makes the run (the model's config from the tokenizer and size)
        if not args.tokenizer:
            raise SystemExit(f"{state_path} does not exist: pass --tokenizer (and --size) to start a run with the vision stage")
        os.makedirs(args.run, exist_ok=True)
        config = model_config(tokenizer_pieces(args.tokenizer), args.size)
        write_json(os.path.join(args.run, "config.json"), config)
        model = vlm.LlavaModel(config)
        st = {"model": model.state_dict(), "step": 0, "epoch": 0, "position": 0, "elapsed": 0.0, "history": [],
              "torch_rng": torch.get_rng_state(), "stages": []}
        log(f"vision stage: new run {args.run} ('{args.size}', {sum(p.numel() for p in model.parameters()) / 1e6:.2f} M parameters)")
    # one read per folder; each face keeps its image's full path (ids are only unique within a folder)
    examples = [dict(e, path=os.path.join(d, e["images"][0]))
                for d in args.data for e in read_jsonl(os.path.join(d, "examples.jsonl")) if e["task"] == FACE_TASK]
    labels = sorted({e["meta"]["label"] for e in examples})
    # the clues of each face's answer ({"clues": [...], "emotion": ...}): a multi-label target (--clue-loss)
    face_clues = [json.loads(e["answer"]).get("clues", []) if args.clue_loss > 0 else [] for e in examples]
    clue_names = sorted({c for cs in face_clues for c in cs})
    head = FaceHead(config["vision_config"]["hidden_size"], len(labels), clues=len(clue_names))
    if st.get("aux") is not None and set(st["aux"]) == set(head.state_dict()):
        head.load_state_dict(st["aux"])
    clue_column = {c: k for k, c in enumerate(clue_names)}
    clue_targets = torch.zeros(len(examples), max(1, len(clue_names)))
    for i, cs in enumerate(face_clues):
        for c in cs:
            clue_targets[i, clue_column[c]] = 1.0
    if clue_names:
        log(f"vision stage: {len(clue_names)} clues as a multi-label target at weight {args.clue_loss}")
    rng = random.Random(args.seed)
    rng.shuffle(examples)
    val, fit = examples[: args.validation], examples[args.validation:]
    start = time.time()
    pixels = np.stack([load_pixels_uint8(e["path"]) for e in examples])
    y_all = torch.tensor([labels.index(e["meta"]["label"]) for e in examples])
    log(f"vision stage: {len(fit)} faces to fit, {len(val)} to validate, {len(labels)} labels ({time.time() - start:.0f} s to load)")
    vision = model.vision_tower.vision_model
    params = [p for p in vision.parameters() if p.requires_grad] + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.9, 0.98), weight_decay=0.05)
    val_rows, fit_rows = list(range(args.validation)), list(range(args.validation, len(examples)))

    def evaluate():
        vision.eval()
        with torch.no_grad():
            correct = 0
            for k in range(0, len(val_rows), 64):
                rows = val_rows[k:k + 64]
                logits = head(vision(normalize(pixels[rows]), model.feature_layers))
                correct += int((logits.argmax(-1) == y_all[rows]).sum())
        vision.train()
        return correct / max(1, len(val_rows))

    log(f"vision stage: validation accuracy before {evaluate():.3f}")
    order, at = [], 0
    for step in range(1, args.steps + 1):
        if at + args.batch > len(order):
            order, at = fit_rows[:], 0
            rng.shuffle(order)
        rows = order[at:at + args.batch]
        at += args.batch
        batch = pixels[rows].copy()
        for b in range(len(rows)):
            if rng.random() < 0.5:
                batch[b] = batch[b, :, ::-1]
            dx, dy = rng.randint(-args.shift, args.shift), rng.randint(-args.shift, args.shift)
            batch[b] = np.roll(batch[b], (dy, dx), axis=(0, 1))
        lr = args.lr * min(1.0, step / 20) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / args.steps)))
        for g in opt.param_groups:
            g["lr"] = lr
        logits, clue_logits = head.both(vision(normalize(batch), model.feature_layers))
        loss = torch.nn.functional.cross_entropy(logits, y_all[rows])
        if clue_logits is not None:
            loss = loss + args.clue_loss * torch.nn.functional.binary_cross_entropy_with_logits(clue_logits, clue_targets[rows])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        if step % args.log_every == 0 or step == args.steps:
            acc = float((logits.argmax(-1) == y_all[rows]).float().mean())
            log(f"vision stage step {step}/{args.steps} loss {float(loss):.3f} batch acc {acc:.2f}"
                + (f" validation {evaluate():.3f}" if step % (args.log_every * 5) == 0 or step == args.steps else "")
                + f" ({time.time() - start:.0f} s)")
    st["model"] = model.state_dict()
    st["aux"] = head.state_dict()
    st.setdefault("stages", []).append({"stage": "vision", "at_step": st["step"], "steps": args.steps, "batch": args.batch,
                                         "validation_accuracy": evaluate(), "minutes": (time.time() - start) / 60})
    st["elapsed"] = st["elapsed"] + (time.time() - start)
    tmp = state_path + ".tmp"
    torch.save(st, tmp)
    os.replace(tmp, state_path)
    log(f"vision stage done: {args.steps} steps, {(time.time() - start) / 60:.1f} min; state {state_path} updated")


def group_names(names, params):
    """The model's parameter names in its two optimizer groups (decayed: matrices; not decayed: vectors)."""
    return [[n for n, p in zip(names, params) if p.dim() >= 2], [n for n, p in zip(names, params) if p.dim() < 2]]


def legacy_names(model):
    """The group names of a state saved before names were kept: every parameter but the vision post-layernorm trained."""
    named = [(n, p) for n, p in model.named_parameters() if "post_layernorm" not in n]
    return group_names([n for n, _ in named], [p for _, p in named])


def load_optimizer(opt, saved, saved_names, names):
    """Loads ``saved`` into ``opt``. When the layouts differ (another auxiliary head, a frozen vision tower), each model
    parameter takes its saved moments by name and the rest start fresh."""
    sizes = [len(g["params"]) for g in opt.state_dict()["param_groups"]]
    if [len(g["params"]) for g in saved["param_groups"]] == sizes and saved_names == names:
        opt.load_state_dict(saved)
        return
    fresh = opt.state_dict()
    for k in range(2):
        old = {n: i for n, i in zip(saved_names[k], saved["param_groups"][k]["params"])}
        for n, new_id in zip(names[k], fresh["param_groups"][k]["params"]):
            if n in old and old[n] in saved["state"]:
                fresh["state"][new_id] = saved["state"][old[n]]
    opt.load_state_dict(fresh)
    log("optimizer: the layout changed (head or frozen tower); moments restored by parameter name, the rest start fresh")


def save_state(path, model, opt, step, epoch, position, elapsed, history, head=None, names=None, stages=None):
    tmp = path + ".tmp"
    torch.save({"model": model.state_dict(), "aux": head.state_dict() if head else None, "optimizer_names": names,
                "stages": stages or [],
                "optimizer": opt.state_dict(), "step": step, "epoch": epoch,
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


def cmd_check(args):
    """Greedy answers of a trained state on examples of data folders: exact answers per task, and for faces the label.

    The quick look before a package is built: on the training data it says whether the model learned the content, on a
    held-out set in training format whether it generalises."""
    import re
    import sentencepiece as spm
    torch.set_num_threads(args.threads)
    config = read_json(os.path.join(args.run, "config.json"))
    model = vlm.LlavaModel(config)
    model.load_state_dict(torch.load(os.path.join(args.run, "state.pt"))["model"])
    model.eval()
    sp = spm.SentencePieceProcessor(model_file=os.path.join(args.tokenizer, "tokenizer.model"))
    rng = random.Random(args.seed)
    results = {}
    for d in args.data:
        examples = {e["id"]: e for e in read_jsonl(os.path.join(d, "examples.jsonl"))}
        per_task = {}
        for t in read_jsonl(os.path.join(d, "tokens.jsonl")):
            per_task.setdefault(examples[t["id"]]["task"], []).append(t)
        for task, tokens in sorted(per_task.items()):
            rng.shuffle(tokens)
            exact = label_ok = n = 0
            for t in tokens[: args.per_task]:
                e = examples[t["id"]]
                paths = [os.path.join(d, p) for p in e["images"]]
                pixels = normalize(np.stack([load_pixels_uint8(p) for p in paths])) if paths else None
                ids, _ = model.greedy(t["prompt_ids"], pixels, len(t["answer_ids"]) + 2, eos=2)
                got = sp.decode([i for i in ids if i < sp.get_piece_size() and i != 2])
                n += 1
                exact += got == e["answer"]
                if task == FACE_TASK:
                    m = re.search(r'"emotion":"([a-z]+)"', got)
                    label_ok += bool(m) and m.group(1) == (e.get("meta") or {}).get("label")
                if args.show and n <= args.show:
                    log(f"  {task} {e['id']}: want {e['answer'][:80]!r} got {got[:80]!r}")
            key = f"{os.path.basename(d.rstrip('/'))}/{task}"
            results[key] = {"n": n, "exact": exact / max(1, n)}
            if task == FACE_TASK:
                results[key]["label"] = label_ok / max(1, n)
            log(f"{key}: {n} examples, exact {exact}/{n}" + (f", emotion {label_ok}/{n}" if task == FACE_TASK else ""))
    if args.out:
        write_json(args.out, results)


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
    r.add_argument("--until", type=int, default=0, help="stop (and save) after this step; the schedule still spans --steps")
    r.add_argument("--task-weight", default="", help="examples of a task per epoch, as a multiple, e.g. affect-face=2,gui-hybrid=1.5")
    r.add_argument("--aux-face", type=float, default=0.0, help="weight of the training-only face-emotion head on the visual tokens (0: none)")
    r.add_argument("--freeze-vision", action="store_true", help="keep the vision tower fixed (after the vision stage)")
    r.add_argument("--prompt-loss", type=float, default=0.0, help="weight of next-token loss on the prompt's text (the decoder is trained from scratch)")
    r.add_argument("--face-pool", default="attention", choices=["attention", "mean"], help="how the face head pools the patch tokens")
    e = sub.add_parser("export")
    e.add_argument("--run", required=True)
    e.add_argument("--tokenizer", required=True)
    e.add_argument("--out", required=True)
    e.add_argument("--golden-data")
    e.add_argument("--golden-count", type=int, default=4)
    e.add_argument("--threads", type=int, default=2)
    v = sub.add_parser("pretrain-vision")
    v.add_argument("--run", required=True)
    v.add_argument("--data", nargs="+", required=True)
    v.add_argument("--steps", type=int, default=600)
    v.add_argument("--batch", type=int, default=32)
    v.add_argument("--lr", type=float, default=1e-3)
    v.add_argument("--shift", type=int, default=8)
    v.add_argument("--validation", type=int, default=100)
    v.add_argument("--seed", type=int, default=11)
    v.add_argument("--log-every", type=int, default=20)
    v.add_argument("--threads", type=int, default=2)
    v.add_argument("--clue-loss", type=float, default=0.0, help="weight of the multi-label clue targets (0: emotion only)")
    v.add_argument("--tokenizer", help="with no RUN/state.pt yet: the tokenizer whose size the new model takes")
    v.add_argument("--size", default="micro", choices=["mini", "micro"], help="with no RUN/state.pt yet: the model preset")
    c = sub.add_parser("check")
    c.add_argument("--run", required=True)
    c.add_argument("--tokenizer", required=True)
    c.add_argument("--data", nargs="+", required=True)
    c.add_argument("--per-task", type=int, default=20)
    c.add_argument("--show", type=int, default=3)
    c.add_argument("--seed", type=int, default=5)
    c.add_argument("--out")
    c.add_argument("--threads", type=int, default=2)
    p = sub.add_parser("parity")
    p.add_argument("--golden", required=True)
    p.add_argument("--case", type=int, default=0)
    p.add_argument("--csharp", required=True)
    p.add_argument("--logits", required=True)
    p.add_argument("--tolerance", type=float, default=1e-3)
    args = ap.parse_args()
    {"tokenizer": cmd_tokenizer, "train": cmd_train, "export": cmd_export, "pretrain-vision": cmd_pretrain_vision, "check": cmd_check, "parity": cmd_parity}[args.cmd](args)


if __name__ == "__main__":
    main()
