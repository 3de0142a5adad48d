#!/usr/bin/env bash
# The embedded default model, end to end: data -> tokenizer -> ids -> training -> llava-hf checkpoint -> package ->
# parity with the trainer's forward pass -> held-out evaluation. Every stage is skipped when its output exists, so
# running the script again resumes (training resumes from its last state.pt).
#
#   bash Agents/Agents.Training/trainer/run.sh [work-folder]        (default: ~/.cache/agents-training)
#
# Environment (defaults in brackets, the embedded model's run): STEPS [1000], SIZE [micro], SEED [11], GUI [700]
# FACES [1032] TOOLS [2500] ACTIONS [110] (sources per exporter), CAP [tool-call=1500], HELDOUT_SEED [2027],
# PACKAGE [LocalModel/Models/agents-mini].
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
work="${1:-${HOME}/.cache/agents-training}"
steps="${STEPS:-1000}" size="${SIZE:-micro}" seed="${SEED:-11}" cap="${CAP:-tool-call=1500}"
gui="${GUI:-700}" faces="${FACES:-1032}" tools="${TOOLS:-2500}" actions="${ACTIONS:-110}"
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

# 1. Training data (train split), one folder per exporter; and a small held-out set in training format (golden outputs).
declare -A counts=([gui]="$gui" [faces]="$faces" [tools]="$tools" [actions]="$actions")
for name in gui faces tools actions; do
  if [ ! -f "$work/data-$name/manifest.json" ]; then
    log "data: $name=${counts[$name]}, train split, seed $seed"
    agents data train --out "$work/data-$name" --split train --seed "$seed" --tasks "$name=${counts[$name]}" --overwrite
  fi
done
if [ ! -f "$work/heldout-train-format/manifest.json" ]; then
  log "data: held-out split in training format, seed $heldout_seed (for the golden outputs)"
  agents data train --out "$work/heldout-train-format" --split heldout --seed "$heldout_seed" --tasks "gui=3,faces=7,tools=100,actions=2" --overwrite
fi

# 2. Tokenizer trained on the GUI, face and tool text (the action prompts reuse its pieces); ids by the C# tokenizer.
[ -f "$work/tokenizer/tokenizer.model" ] || py tokenizer --data "$work/data-gui" "$work/data-faces" "$work/data-tools" --out "$work/tokenizer" --vocab 4096
for d in data-gui data-faces data-tools data-actions heldout-train-format; do
  [ -f "$work/$d/tokens.jsonl" ] || agents data tokenize --data "$work/$d" --tokenizer "$work/tokenizer"
done

# 3. Training (resumable: run the script again after an interruption).
py train --data "$work/data-gui" "$work/data-faces" "$work/data-tools" "$work/data-actions" --tokenizer "$work/tokenizer" \
  --run "$work/run" --steps "$steps" --size "$size" --seed "$seed" --warmup 40 --cap "$cap"

# 4. llava-hf checkpoint + golden outputs, package, parity.
py export --run "$work/run" --tokenizer "$work/tokenizer" --out "$work/checkpoint" --golden-data "$work/heldout-train-format"
agents model build --from "$work/checkpoint" --out "$work/package" --stages auto --overwrite
cases=$(/usr/bin/python3 -c "import json;print(len(json.load(open('$work/checkpoint/golden.json'))['cases']))")
for ((k = 0; k < cases; k++)); do
  ids=$(/usr/bin/python3 -c "import json;print(','.join(map(str,json.load(open('$work/checkpoint/golden.json'))['cases'][$k]['prompt_ids'])))")
  images=$(/usr/bin/python3 -c "import json;print(' '.join('--image $work/checkpoint/'+p for p in json.load(open('$work/checkpoint/golden.json'))['cases'][$k]['images']))")
  # shellcheck disable=SC2086
  agents generate --model "$work/package" --prompt-ids "$ids" $images --max-tokens 16 --json --logits "$work/parity-logits-$k.json" --cpu >"$work/parity-$k.json"
  py parity --golden "$work/checkpoint/golden.json" --case "$k" --csharp "$work/parity-$k.json" --logits "$work/parity-logits-$k.json"
done

# 5. The package the repository ships (README model card kept).
mkdir -p "$package"
find "$package" -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
cp -r "$work/package/." "$package/"
log "package: $package ($(du -sh "$package" | cut -f1))"
