#!/usr/bin/env python3
"""Recover the llava-hf checkpoint folder of a package the trainer built, from the package's own ONNX graphs.

The builder names every initializer after its checkpoint tensor and stores linear weights transposed ([in, out]) for
MatMul, so the package holds the checkpoint exactly. This writes config.json (the trainer's model_config for the preset,
checked against the package manifest), model.safetensors (float32), the tokenizer files and preprocessor_config.json,
so `agents model build` can rebuild the package in another dtype (int8, int4) or decoder flavour. Needs python3-onnx.

  /usr/bin/python3 export_from_package.py --package LocalModel/Models/agents-mini --preset micro --out /tmp/agents-mini-checkpoint
"""
import argparse
import ast
import json
import os
import re
import shutil
import struct
import sys

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
GRAPHS = ("embed_tokens", "vision_encoder", "projector", "decoder")
LINEAR = re.compile(r"(_proj|\.fc1|\.fc2|\.out_proj|linear_1|linear_2)\.weight$|lm_head\.weight$")


def trainer_functions():
    """model_config and preprocessor_config from train.py, without importing it (it needs torch)."""
    with open(os.path.join(HERE, "train.py"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    keep = [n for n in tree.body if (isinstance(n, ast.FunctionDef) and n.name in ("model_config", "preprocessor_config"))
            or (isinstance(n, ast.Assign) and any(getattr(t, "id", "") in ("IMAGE_MEAN", "IMAGE_STD") for t in n.targets))]
    scope = {}
    exec(compile(ast.Module(body=keep, type_ignores=[]), "train.py", "exec"), scope)  # noqa: S102 - the repository's own trainer
    return scope["model_config"], scope["preprocessor_config"]


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        b = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--package", required=True)
    ap.add_argument("--preset", required=True, help="the trainer's model size preset the package was trained with (micro, mini)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(os.path.join(args.package, "vlm-package.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest["dtype"] not in ("fp32", "fp16") or manifest.get("quantization"):
        sys.exit(f"{args.package}: a {manifest['dtype']} package does not hold the exact weights; export an fp32 or fp16 package")
    model_config, preprocessor_config = trainer_functions()
    text = manifest["text"]
    config = model_config(text["vocab_size"] - 2, args.preset)
    tc, vc = config["text_config"], config["vision_config"]
    expected = {"hidden_size": tc["hidden_size"], "num_layers": tc["num_hidden_layers"], "num_heads": tc["num_attention_heads"],
                "num_kv_heads": tc["num_key_value_heads"], "vocab_size": tc["vocab_size"], "intermediate_size": tc["intermediate_size"]}
    wrong = {k: (text[k], v) for k, v in expected.items() if text[k] != v}
    if wrong or manifest["vision"]["hidden_size"] != vc["hidden_size"]:
        sys.exit(f"{args.package} is not a '{args.preset}' model: manifest vs preset {wrong}")
    tensors = {}
    for role in GRAPHS:
        graph = onnx.load(os.path.join(args.package, manifest["graphs"][role]["file"]), load_external_data=True)
        for init in graph.graph.initializer:
            if "." not in init.name or init.name in tensors or not re.match(r"(vision_tower|multi_modal_projector|language_model|model|lm_head)\b", init.name):
                continue
            array = numpy_helper.to_array(init).astype(np.float32)
            tensors[init.name] = array.T.copy() if LINEAR.search(init.name) else array
    os.makedirs(args.out, exist_ok=True)
    write_safetensors(os.path.join(args.out, "model.safetensors"), tensors)
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(args.out, "preprocessor_config.json"), "w", encoding="utf-8") as f:
        json.dump(preprocessor_config(), f, indent=2)
    for name in ("tokenizer.model", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"):
        if os.path.exists(os.path.join(args.package, name)):
            shutil.copyfile(os.path.join(args.package, name), os.path.join(args.out, name))
    print(f"wrote {args.out}: {len(tensors)} tensors, {sum(t.size for t in tensors.values()):,} parameters")


if __name__ == "__main__":
    main()
