#!/bin/bash
# image-api.sh [RUNS] - load and save of the test image (make-image.sh) over each daemon's HTTP API
# with curl, i.e. without the client JVM: cairn's daemon against dockerd on the same archive. With
# the CLI timings of scenarios/load.sh and save.sh this splits cairn's time into client start-up and
# daemon work. Load is cold (the image is removed by ID in hyperfine's --prepare). Then one load and
# one save each under `strace -f -c` of the daemon, for the time spent in fsync/fdatasync/syncfs.
# hyperfine -N, RUNS (default 10) runs each, 1 warm-up. Starts and stops both daemons by PID.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
runs=${1:-10}
BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/cairn-image-api.XXXXXX")
export BENCH_WORK
source "$here/image-lib.sh"
root="$BENCH_WORK/root"
cleanup() {
  set +e
  image_remove cairn "$root"; image_remove docker "$root"
  cairn_stop "$root"; docker_stop; rm -rf "$BENCH_WORK"
}
trap cleanup EXIT
image_archive
id=$(cat "$BENCH_IMAGE_TAR.id")
cairn_start "$root"; docker_start
csock="$root/cairn.sock"; dsock=/var/run/docker.sock
name=$(printf '%s' "$BENCH_IMAGE" | sed 's|/|%2F|g; s|:|%3A|g')
load() { echo "curl -sS -f --unix-socket $1 -H Content-Type:application/x-tar --data-binary @$BENCH_IMAGE_TAR -o /dev/null http://x/images/load"; }
save() { echo "curl -sS -f --unix-socket $1 -o $BENCH_WORK/saved.tar http://x/images/get?names=$name"; }
rmi() { echo "curl -sS --unix-socket $1 -X DELETE -o /dev/null http://x/images/$id"; }
echo "run: $(date -u +%FT%TZ)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N -w 1 -r "$runs" --style basic --export-markdown "$BENCH_WORK/load.md" \
  --prepare "$(rmi "$csock")" -n "cairn API load (cold)" "$(load "$csock")" \
  --prepare "$(rmi "$dsock")" -n "docker API load (cold)" "$(load "$dsock")" >&2
$(load "$csock"); $(load "$dsock")
hyperfine -N -w 1 -r "$runs" --style basic --export-markdown "$BENCH_WORK/save.md" \
  -n "cairn API save" "$(save "$csock")" -n "docker API save" "$(save "$dsock")" >&2
cat "$BENCH_WORK/load.md" "$BENCH_WORK/save.md"
# where the daemons block: sync system calls during one cold load and one save
for engine in cairn docker; do
  if [ $engine = cairn ]; then pid=$(cat "$root/cairn.pid"); sock=$csock; else pid=$(cat "$BENCH_WORK/anchors/dockerd.pid"); sock=$dsock; fi
  $(rmi "$sock")
  for op in load save; do
    strace -f -c -w -e trace=fsync,fdatasync,syncfs,sync_file_range -o "$BENCH_WORK/strace.$engine.$op" -p "$pid" $(pgrep -P "$pid" -x containerd | sed 's/^/-p /') &
    st=$!; sleep 1
    start=$(date +%s.%N); $($op "$sock"); end=$(date +%s.%N)
    kill -INT $st; wait $st 2>/dev/null || true
    echo; echo "$engine $op: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f ms", (b - a) * 1000 }') under strace; sync calls (-w: wall time in the call):"
    sed -n '1,12p' "$BENCH_WORK/strace.$engine.$op"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
