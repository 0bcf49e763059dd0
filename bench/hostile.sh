#!/usr/bin/env bash
# Time and peak memory of `am2amp check` on hostile inputs (alias bomb, deep nesting, a 100 MB
# file, invalid UTF-8, an empty file, binary junk). Target: each ends in one error within 1 s
# and 200 MB. Usage: bench/hostile.sh [path/to/am2amp]
set -euo pipefail
bin="${1:-target/release/am2amp}"
[ -x "$bin" ] || cargo build --release --quiet
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import os, sys
d = sys.argv[1]
lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
for i in range(1, 30):
    lines.append(f'a{i}: &a{i} [' + ', '.join([f'*a{i-1}'] * 10) + ']')
open(f'{d}/alias-bomb.yml', 'w').write('\n'.join(lines) + '\nroute: {receiver: x}\n')
open(f'{d}/deep-nesting.yml', 'w').write('route: ' + '{a: ' * 10000 + 'x' + '}' * 10000 + '\n')
with open(f'{d}/100mb.yml', 'wb') as f:
    f.truncate(100 << 20)
open(f'{d}/invalid-utf8.yml', 'wb').write(b'route:\n  receiver: caf\xe9\n')
open(f'{d}/empty.yml', 'w').write('')
open(f'{d}/junk.yml', 'wb').write(os.urandom(1 << 20))
PY
printf '%-20s %8s %10s  %s\n' input seconds peak_KB diagnostic
for f in alias-bomb deep-nesting 100mb invalid-utf8 empty junk; do
  out="$( { /usr/bin/time -f '%e %M' "$bin" check --message-format concise "$dir/$f.yml" 2>&1 >/dev/null || true; } | tail -1)"
  diag="$( { "$bin" check --message-format concise "$dir/$f.yml" 2>/dev/null || true; } | head -1 | sed 's/.*: error\[//; s/\].*//')"
  printf '%-20s %8s %10s  %s\n' "$f" ${out} "$diag"
done
