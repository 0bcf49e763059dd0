#!/usr/bin/env bash
# (b)'s time ratios taken round by round: each round runs `amtool check-config` on (b)'s 2,000
# configs, then am2amp converting them onto tmpfs, then `am2amp check`, and prints the two
# ratios to that round's amtool time, so a drifting machine moves both sides alike. Reuses the
# inputs that `BENCH_DIR=DIR bench/convert.sh` kept.
# Usage: bench/paired.sh DIR [path/to/am2amp] [rounds, default 15]
set -euo pipefail
# EPOCHREALTIME and awk write and read decimal points, whatever the locale.
export LC_ALL=C
dir="$(realpath "${1:?usage: bench/paired.sh DIR [path/to/am2amp] [rounds]}")"
cd "$(dirname "$0")/.."
bin="${2:-target/release/am2amp}"
rounds="${3:-15}"
[ -d "$dir/b" ] || { echo "$dir/b is missing: run BENCH_DIR=$dir bench/convert.sh first" >&2; exit 2; }
[ -d /dev/shm ] && [ -w /dev/shm ] || { echo "needs a writable /dev/shm" >&2; exit 2; }
mapfile -t b_files < <(find "$dir/b" -name alertmanager.yml | sort)
out="$(mktemp -d /dev/shm/am2amp-paired.XXXXXX)"
trap 'rm -rf "$out"' EXIT
opts=(--topic-arn 'arn:aws:sns:eu-west-1:123456789012:{receiver}'
  --external-url http://alertmanager.example.com --message-format concise)
# Wall seconds of one run, to the microsecond (`time -f %e` gave hundredths: 4 % of a check).
secs() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }'
}
echo "round amtool_s convert_s check_s convert_x check_x   ($bin)"
for r in $(seq "$rounds"); do
  a=$(secs amtool check-config "${b_files[@]}")
  rm -rf "$out/b-out"
  c=$(secs "$bin" convert "$dir/b" -o "$out/b-out" "${opts[@]}")
  k=$(secs "$bin" check "$dir/b" --message-format concise)
  awk -v r="$r" -v a="$a" -v c="$c" -v k="$k" \
    'BEGIN { printf "%5d %8.3f %9.3f %7.3f %9.3f %7.3f\n", r, a, c, k, c / a, k / a }'
done | tee "$out/rounds"
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
within=$(awk '$5 <= 0.25' "$out/rounds" | wc -l)
echo "median convert_x $(awk '{ print $5 }' "$out/rounds" | median) (within 0.25: $within of $rounds)," \
  "median check_x $(awk '{ print $6 }' "$out/rounds" | median)"
