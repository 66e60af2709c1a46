#!/usr/bin/env bash
# Scores the local engine on a set made by make-dev-audio.sh: word error rate (shared/eval/score_wer.py),
# spoken-command exact accuracy (transcripts through `cleanassistant interpret`, then score_interpret.py) and
# the real-time factor (decoding time / audio time), for one language model.
#
#   [LABEL=name] tools/voice/evaluate.sh SET_DIR EXPECTED.jsonl [Domain|Generic]
#
# Results go to SET_DIR/results-LABEL (LABEL defaults to the model): name runs that differ in other settings.
#
# EXPECTED.jsonl holds the `interpret` cases with their `expect` (e.g. shared/eval/interpret-dev.jsonl); for a set
# without expectations pass the typed sentences and they are interpreted first, so "exact" then measures what
# speech loses against typing. Needs the CLI built (dotnet build src/Cli); CLI_DLL points at another build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
set_dir=$1
expected=$2
model=${3:-Domain}
eval_dir=${EVAL_DIR:-$repo/../shared/eval}
[[ -d $eval_dir ]] || eval_dir=/work/shared/eval
cli=(dotnet "${CLI_DLL:-$repo/src/Cli/bin/Debug/net10.0/cleanassistant.dll}")
label=${LABEL:-$model}
out="$set_dir/results-$label"
mkdir -p "$out"

CLEANASSISTANT__VOICE__POCKETSPHINX__LANGUAGEMODEL="$model" "${cli[@]}" transcribe --jsonl --engine pocketsphinx <"$set_dir/clips.jsonl" >"$out/transcripts.jsonl" 2>"$out/transcribe.log"
python3 "$eval_dir/score_wer.py" "$set_dir/reference.jsonl" "$out/transcripts.jsonl" --show-failures 400 >"$out/wer.txt"

# Expectations: the file's own, or the typed sentences' interpretations.
if grep -q '"expect"' "$expected"; then
  cp "$expected" "$out/expected.jsonl"
else
  "${cli[@]}" interpret --jsonl <"$expected" 2>/dev/null | python3 -c '
import json, sys
cases = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[1]) if l.strip()}
for line in sys.stdin:
    a = json.loads(line)
    c = cases[a["id"]]
    expect = {k: v for k, v in a.items() if k not in ("id", "confidence", "alternatives", "newDate", "shiftMinutes")}
    if isinstance(expect.get("title"), str):
        expect["title"] = expect["title"].lower().split()
    if isinstance(expect.get("target"), dict) and isinstance(expect["target"].get("title"), str):
        expect["target"]["title"] = expect["target"]["title"].lower().split()
    c["expect"] = expect
    print(json.dumps(c))
' "$expected" >"$out/expected.jsonl"
fi

# The spoken commands: the transcript in place of the typed text, with the case's now and zone.
python3 -c '
import json, sys
cases = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[1]) if l.strip()}
for line in open(sys.argv[2]):
    t = json.loads(line)
    c = cases.get(t["id"], {})
    print(json.dumps({"id": t["id"], "text": t.get("text") or "", "now": c.get("now"), "timeZone": c.get("timeZone")}))
' "$out/expected.jsonl" "$out/transcripts.jsonl" >"$out/spoken.jsonl"
"${cli[@]}" interpret --jsonl <"$out/spoken.jsonl" >"$out/answers.jsonl" 2>/dev/null
python3 "$eval_dir/score_interpret.py" "$out/expected.jsonl" "$out/answers.jsonl" >"$out/interpret.txt" || true

rtf=$(python3 -c '
import json, sys
a = e = 0.0
for l in open(sys.argv[1]):
    o = json.loads(l)
    a += o.get("audioSeconds", 0); e += o.get("elapsedMs", 0) / 1000
print(f"rtf={e / max(a, 1e-9):.3f} audio={a:.0f}s")
' "$out/transcripts.jsonl")
echo "$(basename "$set_dir") $label $(tail -1 "$out/wer.txt") $(tail -1 "$out/interpret.txt") $rtf"
