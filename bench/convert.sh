#!/usr/bin/env bash
# Speed and memory of `am2amp convert` against `amtool check-config` (Alertmanager 0.25) on the
# same inputs, in the same run: (a) one 1 MB config (~3,000 receivers mixing PagerDuty, Slack
# and webhook, deep routes, templates); (b) 2,000 configs of ~10 KB in a directory tree.
# Targets: (a) <= 0.5 x amtool's time, (b) <= 0.25 x amtool's time, peak memory <= half of
# amtool's. Usage: [BENCH_DIR=DIR] bench/convert.sh [path/to/am2amp] (default: the plain
# release build; the README measures bench/build-pgo.sh's target/pgo/release/am2amp).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/am2amp}"
[ -x "$bin" ] || cargo build --release --quiet
command -v amtool >/dev/null || { echo "amtool is needed (apt-get install prometheus-alertmanager)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
# BENCH_DIR=DIR keeps the generated inputs and outputs there (for profiling).
if [ -n "${BENCH_DIR:-}" ]; then dir="$BENCH_DIR"; rm -rf "$dir"; mkdir -p "$dir"; else
  dir="$(mktemp -d)"; trap 'rm -rf "$dir"' EXIT; fi
python3 - "$dir" <<'PY'
import os, sys
d = sys.argv[1]

def config(receivers, depth, seed):
    lines = ["global:", "  resolve_timeout: 5m", "  slack_api_url: https://hooks.slack.com/services/T0/B0/XXXXXXXX",
             "templates: ['templates/*.tmpl']", "route:", "  receiver: r0", "  group_by: [alertname, cluster]", "  routes:"]
    def routes(level, first, count, indent):
        out = []
        end = first + count
        step = max(1, count // 4)
        for i in range(first, end, step):
            pad = " " * indent
            out.append(f"{pad}- matchers: ['team=\"t{seed}-{i}\"', 'level=\"{level}\"']")
            out.append(f"{pad}  receiver: r{i}")
            inner = min(step - 1, end - i - 1)
            if level < depth and inner > 0:
                out.append(f"{pad}  routes:")
                out.extend(routes(level + 1, i + 1, inner, indent + 4))
        return out
    lines += routes(1, 1, receivers - 1, 4)
    lines.append("receivers:")
    for i in range(receivers):
        lines.append(f"  - name: r{i}")
        kind = i % 3
        if kind == 0:
            lines += ["    pagerduty_configs:", f"      - routing_key: key{seed:04d}{i:06d}aaaaaaaaaaaaaaaaaaaaaa",
                      "        severity: '{{ .CommonLabels.severity }}'",
                      "        description: '{{ .CommonLabels.alertname }} on {{ .CommonLabels.cluster }}: {{ .CommonAnnotations.summary }}'",
                      "        details: {runbook: '{{ .CommonAnnotations.runbook }}', team: '{{ .CommonLabels.team }}'}"]
        elif kind == 1:
            lines += ["    slack_configs:", f"      - channel: '#team-{i}'",
                      "        title: '{{ template \"bench.title\" . }}'",
                      "        text: '{{ range .Alerts }}{{ .Annotations.summary }}{{ \"\\n\" }}{{ end }}'",
                      "        fields: [{title: Severity, value: '{{ .CommonLabels.severity }}', short: true}]"]
        else:
            lines += ["    webhook_configs:", f"      - url: https://hooks.example.com/{seed}/{i}", "        max_alerts: 20",
                      "        http_config: {authorization: {credentials: bench-token-value}}"]
    return "\n".join(lines) + "\n"

tmpl = '{{ define "bench.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} {{ template "bench.extra" . }}{{ end }}\n{{ define "bench.extra" }}({{ len .Alerts }}){{ end }}\n'
os.makedirs(f"{d}/a/templates")
open(f"{d}/a/templates/bench.tmpl", "w").write(tmpl)
open(f"{d}/a/alertmanager.yml", "w").write(config(3000, 4, 0))
for n in range(2000):
    sub = f"{d}/b/team-{n // 100:02d}/tenant-{n:04d}"
    os.makedirs(f"{sub}/templates")
    open(f"{sub}/templates/bench.tmpl", "w").write(tmpl)
    open(f"{sub}/alertmanager.yml", "w").write(config(29, 3, n))
PY
# The inputs just written are still being flushed to disk: wait for that, so that it does not
# slow down whichever runs come first.
sync
size_a=$(stat -c %s "$dir/a/alertmanager.yml")
size_b=$(find "$dir/b" -name '*.yml' -printf '%s\n' | awk '{s+=$1} END {print s}')
# Each command runs BENCH_RUNS times (default 5), and on (a), whose runs take ~0.05 s,
# BENCH_RUNS_A times (default 31), after two warm-up runs (the first run of a command finds
# colder caches than the rest). hyperfine times them: with `-N` it starts the command itself,
# so no shell or `time` process is counted (around (a)'s 30-60 ms, those ~4 ms moved both
# tools' times alike and the ratio towards 1). Peak memory comes from `time` over three more
# runs. Prints the median wall seconds, the largest peak KB and the mean CPU seconds
# (user + system); `clean`, when set, is removed before each run (by hyperfine's `--prepare`).
runs="${BENCH_RUNS:-5}"
runs_a="${BENCH_RUNS_A:-31}"
quote() { local a out=(); for a in "$@"; do out+=("'${a//\'/\'\\\'\'}'"); done; echo "${out[*]}"; }
run() {
  local json="$dir/run.json" prep=() kb=0 k
  [ -z "${clean:-}" ] || prep=(--prepare "$(quote rm -rf "$clean")")
  hyperfine -N -i --style none --warmup 2 --runs "$runs" "${prep[@]}" --export-json "$json" \
    "$(quote "$@")" >/dev/null
  for _ in 1 2 3; do
    [ -z "${clean:-}" ] || rm -rf "$clean"
    k=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 || true)
    [ "$k" -gt "$kb" ] && kb=$k
  done
  python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["median"], sys.argv[2], r["user"] + r["system"])' "$json" "$kb"
}
topic='arn:aws:sns:eu-west-1:123456789012:{receiver}'
read -r am_a_s am_a_kb am_a_cpu < <(runs=$runs_a run amtool check-config "$dir/a/alertmanager.yml" || true)
opts=(--topic-arn "$topic" --external-url http://alertmanager.example.com --message-format concise)
# (a) converts to ~5 MB, far over AMP's 1 MB limit: allowed here to time the whole pipeline.
# Each run writes a new output, as (b)'s do; replacing the last run's 5 MB output is timed too
# (on ext4, renaming over a file frees its blocks and flushes the new ones, which costs ~5 ms
# on the VM the README's table comes from).
a_convert=("$bin" convert "$dir/a/alertmanager.yml" -o "$dir/a-out.yml" "${opts[@]}" --allow am2amp::amp::too-large)
read -r us_a_s us_a_kb us_a_cpu < <(clean="$dir/a-out.yml" runs=$runs_a run "${a_convert[@]}" || true)
read -r re_a_s re_a_kb re_a_cpu < <(runs=$runs_a run "${a_convert[@]}" || true)
mapfile -t b_files < <(find "$dir/b" -name alertmanager.yml | sort)
read -r am_b_s am_b_kb am_b_cpu < <(run amtool check-config "${b_files[@]}" || true)
read -r us_b_s us_b_kb us_b_cpu < <(clean="$dir/b-out" run "$bin" convert "$dir/b" -o "$dir/b-out" "${opts[@]}" || true)
converted=$(find "$dir/b-out" -name '*.yml' | wc -l)
# Writing (b) creates 4,000 files and directories, which amtool never does; on some file
# systems that dominates (ext4 spends seconds finding free inodes after many deletions).
# The same run with its outputs in memory shows the tool apart from the file system.
shm=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  shm="$(mktemp -d /dev/shm/am2amp-bench.XXXXXX)"
  read -r sh_b_s sh_b_kb sh_b_cpu < <(clean="$shm/b-out" run "$bin" convert "$dir/b" -o "$shm/b-out" "${opts[@]}" || true)
  rm -rf "$shm"
fi
read -r ck_b_s ck_b_kb ck_b_cpu < <(run "$bin" check "$dir/b" --message-format concise || true)
printf 'machine: %s, %s cores; median of %s runs (%s on (a)); binary: %s\n' "$(uname -m)" "$(nproc)" "$runs" "$runs_a" "$bin"
printf '%-34s %9s %9s %10s %10s %10s %10s %7s %7s\n' input amtool_s am2amp_s amtool_cpu am2amp_cpu amtool_MB am2amp_MB time_x mem_x
row() {
  awk -v n="$1" -v a="$2" -v b="$3" -v ac="$4" -v bc="$5" -v c="$6" -v e="$7" 'BEGIN {
    printf "%-34s %9.3f %9.3f %10.2f %10.2f %10.1f %10.1f %7.2f %7.2f\n", n, a, b, ac, bc, c/1024, e/1024, b/a, e/c }'
}
row "(a) 1 config, $((size_a / 1024)) KB" "$am_a_s" "$us_a_s" "$am_a_cpu" "$us_a_cpu" "$am_a_kb" "$us_a_kb"
row "(a), replacing its last output" "$am_a_s" "$re_a_s" "$am_a_cpu" "$re_a_cpu" "$am_a_kb" "$re_a_kb"
row "(b) 2000 configs, $((size_b / 1024 / 1024)) MB in all" "$am_b_s" "$us_b_s" "$am_b_cpu" "$us_b_cpu" "$am_b_kb" "$us_b_kb"
[ -n "$shm" ] && row "(b) outputs on tmpfs" "$am_b_s" "$sh_b_s" "$am_b_cpu" "$sh_b_cpu" "$am_b_kb" "$sh_b_kb"
row "(b) am2amp check (writes nothing)" "$am_b_s" "$ck_b_s" "$am_b_cpu" "$ck_b_cpu" "$am_b_kb" "$ck_b_kb"
echo "(b) definitions written: $converted"
