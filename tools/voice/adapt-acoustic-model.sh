#!/usr/bin/env bash
# Adapts PocketSphinx's en-us acoustic model to recorded speech (speaker and channel adaptation):
# a global MLLR transform (small, `-mllr`) and, with --map, a MAP-adapted copy of the model.
#
#   tools/voice/adapt-acoustic-model.sh OUT_DIR SET_DIR [SET_DIR...] [--map[=PASSES]]
#
# Each SET_DIR holds clips.jsonl and reference.jsonl (what make-dev-audio.sh writes, or your own recordings
# with their transcripts). Needs sphinxtrain (Debian package), ffmpeg and python3. Writes OUT_DIR/mllr_matrix
# and, with --map, OUT_DIR/model (a full acoustic model directory for Voice:PocketSphinx:AcousticModel; two
# passes unless --map=N). With --bundle too, the adapted parameters are compressed into the engine's embedded
# resources (src/Infrastructure/Voice/PocketSphinx/Adaptation): the model the product ships.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
model=${ACOUSTIC_MODEL:-/usr/share/pocketsphinx/model/en-us/en-us}
dict=${DICTIONARY:-/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict}
st=/usr/lib/sphinxtrain
map=0
bundle=0
sets=()
out=
for a in "$@"; do
  case $a in
    --map) map=2 ;;
    --map=*) map=${a#--map=} ;;
    --bundle) bundle=1 ;;
    *) if [[ -z $out ]]; then out=$a; else sets+=("$a"); fi ;;
  esac
done
[[ -n $out && ${#sets[@]} -gt 0 ]] || { sed -n '2,11p' "$0"; exit 2; }
[[ -x $st/bw ]] || { echo "sphinxtrain is not installed (apt-get install sphinxtrain)" >&2; exit 1; }
mkdir -p "$out/feat" "$out/base" "$out/accum"
out=$(cd "$out" && pwd)

# The model with mixture weights bw can read (the package ships them only as a quantized sendump) and a text mdef.
cp "$model"/* "$out/base/"
python3 "$here/sendump-to-mixw.py" "$model/sendump" "$out/base/mixture_weights"
pocketsphinx_mdef_convert -text "$model/mdef" "$out/base/mdef.txt" 2>/dev/null

# 16 kHz mono WAV (soxr, as the server decodes), then cepstra with the model's own front-end parameters.
: >"$out/fileids"
: >"$out/transcription"
for set in "${sets[@]}"; do
  python3 - "$set" "$dict" "$out" <<'PY'
import json, os, re, sys
set_dir, dict_path, out = sys.argv[1:]
known = set()
for line in open(dict_path, encoding="utf-8"):
    known.add(re.sub(r"\(\d+\)$", "", line.split(" ", 1)[0]))
refs = {}
for line in open(os.path.join(set_dir, "reference.jsonl"), encoding="utf-8"):
    if line.strip():
        o = json.loads(line)
        refs[o["id"]] = o["text"]
tag = os.path.basename(os.path.normpath(set_dir))
with open(os.path.join(out, "fileids"), "a") as ids, open(os.path.join(out, "transcription"), "a") as tr, open(os.path.join(out, "clips.tsv"), "a") as clips:
    for line in open(os.path.join(set_dir, "clips.jsonl"), encoding="utf-8"):
        if not line.strip():
            continue
        c = json.loads(line)
        words = re.sub(r"[^a-z0-9' ]+", " ", refs[c["id"]].lower()).split()
        if not words or any(w not in known for w in words):
            continue
        fid = f"{tag}-{c['id']}"
        ids.write(fid + "\n")
        tr.write("<s> " + " ".join(words) + f" </s> ({fid})\n")
        clips.write(f"{fid}\t{c['path']}\n")
PY
done
while IFS=$'\t' read -r fid path; do
  ffmpeg -nostdin -v error -y -i "$path" -af aresample=16000:resampler=soxr -ac 1 -c:a pcm_s16le "$out/feat/$fid.wav"
done <"$out/clips.tsv"
sphinx_fe -argfile "$model/feat.params" -samprate 16000 -c "$out/fileids" -di "$out/feat" -do "$out/feat" -ei wav -eo mfc -mswav yes >"$out/fe.log" 2>&1
echo "$(wc -l <"$out/fileids") utterances" >&2

# Statistics over the transcripts (forward-backward), then the transforms.
"$st/bw" -hmmdir "$out/base" -moddeffn "$out/base/mdef.txt" -ts2cbfn .ptm. -feat 1s_c_d_dd -svspec 0-12/13-25/26-38 \
  -cmn current -agc none -dictfn "$dict" -fdictfn "$model/noisedict" -ctlfn "$out/fileids" -lsnfn "$out/transcription" \
  -cepdir "$out/feat" -accumdir "$out/accum" >"$out/bw.log" 2>&1
"$st/mllr_solve" -meanfn "$out/base/means" -varfn "$out/base/variances" -outmllrfn "$out/mllr_matrix" -accumdir "$out/accum" >"$out/mllr.log" 2>&1
echo "MLLR transform: $out/mllr_matrix" >&2

# MAP: each pass re-estimates on the previous pass's model (better alignments), two passes by default.
current=$out/base
accum=$out/accum
for ((pass = 1; pass <= map; pass++)); do
  next=$out/map$pass
  mkdir -p "$next"
  if ((pass > 1)); then
    python3 "$here/sendump-to-mixw.py" "$current/sendump" "$current/mixture_weights" >/dev/null
    accum=$out/accum$pass
    mkdir -p "$accum"
    "$st/bw" -hmmdir "$current" -moddeffn "$out/base/mdef.txt" -ts2cbfn .ptm. -feat 1s_c_d_dd -svspec 0-12/13-25/26-38 \
      -cmn current -agc none -dictfn "$dict" -fdictfn "$model/noisedict" -ctlfn "$out/fileids" -lsnfn "$out/transcription" \
      -cepdir "$out/feat" -accumdir "$accum" >"$out/bw$pass.log" 2>&1
  fi
  cp "$model/mdef" "$model/feat.params" "$model/noisedict" "$next/"
  "$st/map_adapt" -moddeffn "$out/base/mdef.txt" -ts2cbfn .ptm. -meanfn "$current/means" -varfn "$current/variances" \
    -mixwfn "$current/mixture_weights" -tmatfn "$current/transition_matrices" -accumdir "$accum" \
    -mapmeanfn "$next/means" -mapvarfn "$next/variances" -mapmixwfn "$next/mixture_weights" \
    -maptmatfn "$next/transition_matrices" >"$out/map$pass.log" 2>&1
  "$st/mk_s2sendump" -pocketsphinx yes -moddeffn "$out/base/mdef.txt" -mixwfn "$next/mixture_weights" -sendumpfn "$next/sendump" >>"$out/map$pass.log" 2>&1
  current=$next
done
if ((map)); then
  rm -rf "$out/model"
  cp -r "$current" "$out/model"
  rm -f "$out/model/mixture_weights"
  echo "MAP-adapted model ($map passes): $out/model" >&2
fi

if ((bundle && map)); then
  for f in means variances sendump transition_matrices; do
    gzip -9 -n -c "$out/model/$f" >"$here/../../src/Infrastructure/Voice/PocketSphinx/Adaptation/$f.gz"
  done
  echo "Bundled into src/Infrastructure/Voice/PocketSphinx/Adaptation" >&2
fi
