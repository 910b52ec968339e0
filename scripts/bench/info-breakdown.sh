#!/bin/bash
# info-breakdown.sh [RUNS] - where `cairn info`'s whole-process time goes: the same GET /info in
# four clients against one daemon, with bin/cairn's client JVM flags, each with its own AppCDS
# archive (dumped here from one run, as bin/cairn-setup does for the CLI):
#   jvm      java -version (JVM boot floor)
#   flat     io.cairn.bench.startup.InfoProbe flat    (socket + hand-written JSON read, no Jackson, no picocli)
#   jackson  io.cairn.bench.startup.InfoProbe jackson (socket + Jackson readTree, no picocli)
#   cairn    bin/cairn info                           (picocli + Jackson + the CLI)
# Needs bin/cairn-setup and the bench module built. hyperfine -N, RUNS (default 20) runs each, 3 warm-ups.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
runs=${1:-20}
BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/cairn-info-breakdown.XXXXXX")
export BENCH_WORK
root="$BENCH_WORK/root"
trap 'cairn_stop "$root"; rm -rf "$BENCH_WORK"' EXIT
cairn_start "$root"
echo "daemon side: GET /info by curl, 10 times: $(for i in $(seq 10); do curl -s -o /dev/null -w '%{time_total}\n' --unix-socket "$root/cairn.sock" http://x/info; done | sort -g | awk '{ v[NR] = $1 * 1000 } END { printf "median %.1f ms", (v[5] + v[6]) / 2 }')"
cp="$BENCH_HOME/bench/target/cairn-bench-0.1.0-SNAPSHOT.jar:$(cat "$BENCH_HOME/bench/target/classpath.txt")"
# bin/cairn's client flags
flags="-XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Xshare:auto -Xss256k -Xmx64m -XX:CICompilerCount=1"
sock="$root/cairn.sock"
for mode in flat jackson; do
  # shellcheck disable=SC2086
  java $flags -XX:ArchiveClassesAtExit="$BENCH_WORK/$mode.jsa" -cp "$cp" io.cairn.bench.startup.InfoProbe $mode "$sock" >/dev/null 2>&1
done
echo "run: $(date -u +%FT%TZ)  load average: $(cut -d' ' -f1-3 /proc/loadavg)  $(java -version 2>&1 | head -1)"
cds() { echo "-XX:SharedArchiveFile=$BENCH_WORK/$1.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"; }
hyperfine -N -w 3 -r "$runs" --style basic --export-json "$BENCH_WORK/table.json" \
  -n jvm "java $flags -version" \
  -n flat "java $flags $(cds flat) -cp $cp io.cairn.bench.startup.InfoProbe flat $sock" \
  -n jackson "java $flags $(cds jackson) -cp $cp io.cairn.bench.startup.InfoProbe jackson $sock" \
  -n cairn "$CAIRN --root $root info" >&2
# medians (hyperfine's markdown has means only; the host is shared, so medians are the figures to use)
python3 -c '
import json, sys
rs = json.load(open(sys.argv[1]))["results"]
print("| client | median ms | min | max | user+sys ms (mean) |\n|---|---|---|---|---|")
for r in rs:
    print("| %s | %.1f | %.1f | %.1f | %.0f |" % (r["command"], r["median"] * 1e3, r["min"] * 1e3, r["max"] * 1e3, (r["user"] + r["system"]) * 1e3))
' "$BENCH_WORK/table.json"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
