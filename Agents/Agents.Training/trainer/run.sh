#!/usr/bin/env bash
# The embedded default model, end to end: data -> tokenizer -> ids -> training -> llava-hf checkpoint -> package ->
# parity with the trainer's forward pass -> held-out evaluation. Every stage is skipped when its output exists, so
# running the script again resumes (training resumes from its last state.pt).
#
#   bash Agents/Agents.Training/trainer/run.sh [work-folder]        (default: ~/.cache/agents-training)
#
# Environment (defaults in brackets, the embedded model's run 4): FINAL [2100] (the last training step), VISION [1100]
# (vision-stage batches), SIZE [micro],
# HELDOUT_SEED [2027], PACKAGE [LocalModel/Models/agents-mini], EVAL [1], LIMIT [none]. Run 4's settings are fixed below.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
work="${1:-${HOME}/.cache/agents-training}"
size="${SIZE:-micro}"
heldout_seed="${HELDOUT_SEED:-2027}"
package="${PACKAGE:-${repo}/LocalModel/Models/agents-mini}"
mkdir -p "$work"
log() { echo "[run $(date +%H:%M:%S)] $*"; }

# Debian's torch, OpenBLAS with threads (without it torch is ~28x slower), SentencePiece, PIL, matplotlib.
need=()
/usr/bin/python3 -c "import torch" 2>/dev/null || need+=(python3-torch)
/usr/bin/python3 -c "import sentencepiece" 2>/dev/null || need+=(python3-sentencepiece)
/usr/bin/python3 -c "import PIL, numpy" 2>/dev/null || need+=(python3-pil python3-numpy)
/usr/bin/python3 -c "import matplotlib" 2>/dev/null || need+=(python3-matplotlib)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || need+=(libopenblas0-pthread)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-eng)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${need[*]} from Debian"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$repo/Agents/Agents.Cli" -c Release -v q -nologo >/dev/null
agents() { dotnet "$repo/Agents/Agents.Cli/bin/Release/net10.0/agents.dll" "$@"; }
py() { /usr/bin/python3 "$repo/Agents/Agents.Training/trainer/train.py" "$@"; }

# 1. Training data (train split), one folder per exporter and seed; and a small held-out set in training format (the
# golden outputs and the trainer's quick check). The seed-11 slices are the tokenizer's corpus, written first so the
# tokenizer can be trained while the rest renders. Run 4 added 400 flows at seed 13 (the planner had 611 steps in run 3).
sets=("data-faces 11 faces=2000" "data-gui-a 11 gui=60" "data-tools 11 tools=3000" "data-actions-a 11 actions=20"
      "data-actions-c 13 actions=400" "data-gui-b 12 gui=440" "data-actions-b 12 actions=90")
for s in "${sets[@]}"; do
  read -r name seed tasks <<<"$s"
  if [ ! -f "$work/$name/manifest.json" ]; then
    log "data: $name ($tasks, train split, seed $seed)"
    agents data train --out "$work/$name" --split train --seed "$seed" --tasks "$tasks" --overwrite
  fi
done
if [ ! -f "$work/heldout-check/manifest.json" ]; then
  log "data: held-out split in training format, seed $heldout_seed (golden outputs, quick check)"
  agents data train --out "$work/heldout-check" --split heldout --seed "$heldout_seed" --tasks "faces=40,gui=12,tools=60,actions=4" --overwrite
fi
folders=(data-faces data-gui-a data-gui-b data-tools data-actions-a data-actions-b data-actions-c)

# 2. Tokenizer trained on the generated text; ids by the C# tokenizer.
[ -f "$work/tokenizer/tokenizer.model" ] || py tokenizer --data "$work/data-gui-a" "$work/data-faces" "$work/data-tools" "$work/data-actions-a" --out "$work/tokenizer" --vocab 4096
for d in "${folders[@]}" heldout-check; do
  [ -f "$work/$d/tokens.jsonl" ] || agents data tokenize --data "$work/$d" --tokenizer "$work/tokenizer"
done

# 3. Training (resumable: run the script again after an interruption), in run 4's two legs (the README's Runs):
#   a. the vision stage first (the tower alone on the 2,000 training faces, batches of 32 with flips and shifts, an
#      attention-pooled emotion head plus one logit per clue of the answer: "open smile", "tears", ...), VISION batches;
#   b. multitask to FINAL with the tower frozen (LLaVA's recipe: the decoder learns to read a fixed encoder; its output
#      is computed once per image) and next-token loss on the prompt's text at weight 0.25 from step 0 (the decoder
#      starts from nothing; answer tokens alone give it ~150 targets a batch).
# Task weights: examples per epoch as a multiple (faces and the hybrid grounder get more passes; vision-only grounding
# and point description a quarter, since at 224 px the model cannot read the text they hinge on). The face head is
# training-only: it is not exported.
final="${FINAL:-2100}"
vision_steps="${VISION:-1100}"
data_args=()
for d in "${folders[@]}"; do data_args+=("$work/$d"); done
weights="affect-face=1.5,gui-hybrid=2,gui-action=1,gui-vision=0.25,gui-describe=0.25,tool-rerank=0.8"
state() { /usr/bin/python3 -c "import os,torch;p='$work/run/state.pt';s=torch.load(p) if os.path.exists(p) else {};print(s.get('$1',0) if '$1'=='step' else len(s.get('stages',[])))"; }
[ "$(state stages)" -ge 1 ] || py pretrain-vision --run "$work/run" --tokenizer "$work/tokenizer" --size "$size" --data "$work/data-faces" \
  --steps "$vision_steps" --batch 32 --validation 100 --clue-loss 0.5
py train --data "${data_args[@]}" --tokenizer "$work/tokenizer" --run "$work/run" --size "$size" --seed 11 --batch-tokens 3072 \
  --warmup 60 --cap tool-call=600 --steps "$final" --until "$final" --freeze-vision --prompt-loss 0.25 --task-weight "$weights"
py check --run "$work/run" --tokenizer "$work/tokenizer" --data "$work/heldout-check" --per-task 20 --out "$work/check-heldout.json"

# 4. llava-hf checkpoint + golden outputs, package, parity.
py export --run "$work/run" --tokenizer "$work/tokenizer" --out "$work/checkpoint" --golden-data "$work/heldout-check" --golden-count 7
agents model build --from "$work/checkpoint" --out "$work/package" --stages auto --overwrite
cases=$(/usr/bin/python3 -c "import json;print(len(json.load(open('$work/checkpoint/golden.json'))['cases']))")
for ((k = 0; k < cases; k++)); do
  ids=$(/usr/bin/python3 -c "import json;print(','.join(map(str,json.load(open('$work/checkpoint/golden.json'))['cases'][$k]['prompt_ids'])))")
  images=$(/usr/bin/python3 -c "import json;print(' '.join('--image $work/checkpoint/'+p for p in json.load(open('$work/checkpoint/golden.json'))['cases'][$k]['images']))")
  # shellcheck disable=SC2086
  agents generate --model "$work/package" --prompt-ids "$ids" $images --max-tokens 16 --json --logits "$work/parity-logits-$k.json" --cpu >"$work/parity-$k.json"
  py parity --golden "$work/checkpoint/golden.json" --case "$k" --csharp "$work/parity-$k.json" --logits "$work/parity-logits-$k.json"
done

# 5. The package the repository ships (README model card kept), with example faces.
mkdir -p "$package"
find "$package" -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
cp -r "$work/package/." "$package/"
# 14 held-out faces (two per label, a seed no evaluation uses) for the README's main command and the package's test.
agents data faces --out "$package/examples/faces" --count 14 --seed 2028 --split heldout
log "package: $package ($(du -sh "$package" | cut -f1))"

# 6. Held-out evaluation: other seeds and the held-out split of each generator; every pre-LLM pruning method and FastV
# and PyramidDrop at 100%, 50%, 25%, 11.1% and 5.6% of the visual tokens (EVAL=0 skips it; LIMIT caps records per task).
if [ "${EVAL:-1}" = 1 ]; then
  eval_data="$work/eval-data"
  [ -f "$eval_data/gui/tasks.jsonl" ] || agents data gui --out "$eval_data/gui" --count 100 --seed "$heldout_seed"
  mkdir -p "$eval_data/tools"
  [ -f "$eval_data/tools/tools.json" ] || agents data tools --out "$eval_data/tools/tools.json" --seed 2026 --split heldout
  [ -d "$eval_data/faces" ] || agents data faces --out "$eval_data/faces" --count 140 --seed "$heldout_seed" --split heldout
  [ -d "$eval_data/flows" ] || agents data flows --out "$eval_data/flows" --count 25 --seed "$heldout_seed" --split heldout
  limit=()
  [ -z "${LIMIT:-}" ] || limit=(--limit "$LIMIT")
  agents eval model --model "$package" --data "$eval_data" --out "$work/eval" "${limit[@]}"
  log "held-out results: $work/eval/results.md"
fi
