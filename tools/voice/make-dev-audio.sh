#!/usr/bin/env bash
# Builds a spoken dev set from a JSON-lines file of sentences ({"id", "text", "now"?, "timeZone"?}):
# several synthetic voices (espeak-ng, flite) and speeds, room reverb, background noise at a random SNR,
# and varied containers (wav at several rates, mp3, ogg/vorbis, ogg/opus, flac, m4a).
#
#   tools/voice/make-dev-audio.sh SENTENCES.jsonl OUT_DIR [SEED] [VOICES]
#
# VOICES is a space-separated list of engine:voice (default: the dev voices below). Writes OUT_DIR/clips.jsonl
# ({"id", "path", "now", "timeZone"}, the input of `cleanassistant transcribe|voice --jsonl`), OUT_DIR/reference.jsonl
# ({"id", "text"}, for score_wer.py) and OUT_DIR/conditions.jsonl (voice, speed, snr, reverb, container per clip).
# Keep OUT_DIR outside the repository (or under the git-ignored data/): the audio is never committed.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,11p' "$0"
  exit 2
fi

input=$1
out=$2
seed=${3:-1}
voices=${4:-"espeak:en-us espeak:en espeak:en+f3 espeak:en+m3 espeak:en-us+f2 espeak:en-gb-scotland flite:kal flite:slt flite:awb flite:rms"}
read -r -a voice_list <<<"$voices"
containers=(wav wav8 wav44 mp3 ogg opus flac m4a)

for tool in espeak-ng flite sox ffmpeg python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

mkdir -p "$out/audio"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$out/clips.jsonl"
: >"$out/reference.jsonl"
: >"$out/conditions.jsonl"
RANDOM=$seed

# id, now, timeZone, text separated by US (0x1f), one sentence a line: not tabs, which `read` would merge when
# now and timeZone are empty.
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if not line:
        continue
    o = json.loads(line)
    print("\x1f".join([str(o["id"]), o.get("now", ""), o.get("timeZone", ""), " ".join(o["text"].split())]))
' "$input" >"$work/sentences.txt"

rms() { sox "$1" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}'; }

n=0
while IFS=$'\x1f' read -r id now zone text; do
  voice=${voice_list[$((RANDOM % ${#voice_list[@]}))]}
  engine=${voice%%:*}
  name=${voice#*:}
  raw="$work/raw.wav"
  if [[ $engine == espeak ]]; then
    speed=$((140 + RANDOM % 60))
    espeak-ng -v "$name" -s "$speed" -w "$raw" -- "$text"
  else
    stretch=$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.85 + (r % 36) / 100 }')
    speed=$stretch
    flite -voice "$name" --setf duration_stretch="$stretch" -t "$text" -o "$raw"
  fi

  # 16 kHz mono with a little silence around, then a room (60% of clips).
  clean="$work/clean.wav"
  sox "$raw" -r 16000 -c 1 -b 16 "$clean" pad 0.3 0.4 norm -3
  reverb=0
  if ((RANDOM % 10 < 6)); then
    reverb=$((20 + RANDOM % 50))
    sox "$clean" "$work/room.wav" reverb "$reverb" 50 $((40 + RANDOM % 60)) 100 0 0 norm -3
    mv "$work/room.wav" "$clean"
  fi

  # Background noise (pink, brown or white) at an SNR of 10–20 dB.
  snr=$((10 + RANDOM % 11))
  colours=(pinknoise brownnoise whitenoise pinknoise)
  colour=${colours[$((RANDOM % ${#colours[@]}))]}
  length=$(soxi -D "$clean")
  sox -n -r 16000 -c 1 -b 16 "$work/noise.wav" synth "$length" "$colour" vol 0.5
  gain=$(awk -v s="$(rms "$clean")" -v n="$(rms "$work/noise.wav")" -v snr="$snr" 'BEGIN { printf "%.6f", (s / 10 ^ (snr / 20)) / n }')
  sox -m "$clean" -v "$gain" "$work/noise.wav" "$work/mixed.wav" norm -2

  container=${containers[$((RANDOM % ${#containers[@]}))]}
  case $container in
    wav) file="$out/audio/$id.wav"; cp "$work/mixed.wav" "$file" ;;
    wav8) file="$out/audio/$id.wav"; sox "$work/mixed.wav" -r 8000 -b 16 "$file" ;;
    wav44) file="$out/audio/$id.wav"; sox "$work/mixed.wav" -r 44100 -c 2 -b 24 "$file" ;;
    mp3) file="$out/audio/$id.mp3"; ffmpeg -nostdin -v error -y -i "$work/mixed.wav" -ar 44100 -c:a libmp3lame -b:a 64k "$file" ;;
    ogg) file="$out/audio/$id.ogg"; ffmpeg -nostdin -v error -y -i "$work/mixed.wav" -c:a libvorbis -q:a 3 "$file" ;;
    opus) file="$out/audio/$id.opus"; ffmpeg -nostdin -v error -y -i "$work/mixed.wav" -c:a libopus -b:a 24k "$file" ;;
    flac) file="$out/audio/$id.flac"; ffmpeg -nostdin -v error -y -i "$work/mixed.wav" -ar 22050 "$file" ;;
    m4a) file="$out/audio/$id.m4a"; ffmpeg -nostdin -v error -y -i "$work/mixed.wav" -c:a aac -b:a 48k "$file" ;;
  esac

  python3 -c '
import json, sys
i, path, now, zone, text, voice, speed, snr, colour, reverb, container, out = sys.argv[1:]
clip = {"id": i, "path": path}
if now: clip["now"] = now
if zone: clip["timeZone"] = zone
with open(out + "/clips.jsonl", "a", encoding="utf-8") as f: f.write(json.dumps(clip) + "\n")
with open(out + "/reference.jsonl", "a", encoding="utf-8") as f: f.write(json.dumps({"id": i, "text": text}) + "\n")
with open(out + "/conditions.jsonl", "a", encoding="utf-8") as f:
    f.write(json.dumps({"id": i, "voice": voice, "speed": speed, "snrDb": int(snr), "noise": colour, "reverb": int(reverb), "container": container}) + "\n")
' "$id" "$file" "$now" "$zone" "$text" "$voice" "$speed" "$snr" "$colour" "$reverb" "$container" "$out"
  n=$((n + 1))
done <"$work/sentences.txt"

echo "$n clips in $out" >&2
