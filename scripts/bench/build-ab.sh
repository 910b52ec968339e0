#!/bin/bash
# build-ab.sh CAIRN_A CAIRN_B [ROUNDS] - daemon-side A/B of the cold build on ONE root: the daemons of
# two cairn launchers (e.g. a checkout of main and this tree: `git archive REV | tar -x -C DIR`, then
# `mvn -B -q -DskipTests package` there) take turns on the same root, ROUNDS (default 3) times, each
# turn 1 untimed and 3 timed `--no-cache` builds of anchors/11's Dockerfile over the API (curl: no
# client JVM). One root for both, because file creation on this host's ext4 costs up to 20x more in
# some directories than in others (docs/BENCHMARKS.md, issue 6), so two fresh roots are not comparable.
# Prints one line per build: label, total seconds, each step's seconds. Daemons are started and
# stopped by PID; the scratch directory is deleted at the end.
set -euo pipefail
a=${1:?usage: build-ab.sh CAIRN_A CAIRN_B [ROUNDS]}; b=${2:?usage: build-ab.sh CAIRN_A CAIRN_B [ROUNDS]}
rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/cairn-build-ab.XXXXXX")
export BENCH_WORK
source "$here/lib.sh"
source "$here/container-lib.sh"
source "$here/build-lib.sh"
root="$BENCH_WORK/root"
cleanup() { [ -s "$root/cairn.pid" ] && kill -TERM "$(cat "$root/cairn.pid")" 2>/dev/null; sleep 1; rm -rf "$BENCH_WORK"; }
trap cleanup EXIT
bb_tar
ctx=$(build_context cairn)

turn() { # LABEL LAUNCHER
  local pid i
  CAIRN=$2 cairn_start "$root"
  pid=$(cat "$root/cairn.pid")
  "$2" --root "$root" images -q | grep -q . || "$2" --root "$root" import "$BENCH_BB_TAR" bb >/dev/null
  for i in 0 1 2 3; do
    curl -sS -w '\n%{time_total}\n' --unix-socket "$root/cairn.sock" --data-binary @"$ctx/Dockerfile" \
        "http://x/build?t=ab&nocache=1&context=$ctx" | python3 -c '
import sys, json
steps, total = [], ""
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    try:
        d = json.loads(line)
    except ValueError:
        continue
    if isinstance(d, dict) and "error" in d:
        sys.exit("build failed: " + d["error"])
    if isinstance(d, dict) and d.get("status") == "done":
        steps.append("%.2f" % d["seconds"])
    elif not isinstance(d, dict):
        total = line
if sys.argv[2] != "0":
    print(sys.argv[1], "total", total, "steps", " ".join(steps))' "$1" "$i"
  done
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

for ((r = 1; r <= rounds; r++)); do turn A "$a"; turn B "$b"; done
