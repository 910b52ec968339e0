#!/bin/bash
# commit-profile.sh [RUNS] - where `cairn commit` of a container with 1000 new 10 KiB files goes (the
# commit scenario's container, anchors/12's writer). One fresh daemon, RUNS (default 6) writer
# containers per pass, made untimed; each commit is timed as
#   1. the whole CLI (`cairn commit`), then the same request by curl (POST /commit), alternating
#   2. curl under JFR (settings=profile): the busy methods of the daemon's request thread, by phase
#   3. curl under `strace -f -c -w` of the daemon: time in sync calls (fsync, fdatasync, syncfs)
# Starts and stops its daemon by PID; deletes its scratch directory unless KEEP=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
runs=${1:-6}
BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/cairn-commit-profile.XXXXXX")
export BENCH_WORK
source "$here/container-lib.sh"
source "$here/scenarios/commit.sh"   # COMMIT_WRITER
root="$BENCH_WORK/root"; st=
cleanup() {
  set +e
  [ -n "$st" ] && kill -INT "$st" 2>/dev/null && wait "$st" 2>/dev/null
  cairn_stop "$root"
  [ "${KEEP:-0}" = 1 ] && echo "kept $BENCH_WORK" || rm -rf "$BENCH_WORK"
}
trap cleanup EXIT
bb_up cairn "$root"
sock="$root/cairn.sock"; pid=$(cat "$root/cairn.pid"); cli="$CAIRN --root $root"; seq=0
# writer: a new exited container holding the files; prints its name (a failed start is retried)
writer() {
  local try name
  for try in 1 2 3; do
    seq=$((seq + 1)); name="w-$seq"
    $cli run --name "$name" bb sh -c "$COMMIT_WRITER" >/dev/null 2>&1 && { echo "$name"; return; }
    $cli rm -f "$name" >/dev/null 2>&1
  done
  return 1
}
ms_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
commit_curl() { curl -sS -f --unix-socket "$sock" -o "$BENCH_WORK/commit.json" -X POST "http://x/commit?container=$1"; }
tidy() { $cli rm "$1" >/dev/null; $cli rmi "$(sed 's/.*"Id":"\([^"]*\)".*/\1/' "$BENCH_WORK/commit.json")" >/dev/null 2>&1 || true; }
echo "run: $(date -u +%FT%TZ)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== 1. whole CLI vs curl, $runs each, alternating (ms)"
for i in $(seq "$runs"); do
  c=$(writer); t=$(date +%s.%N); $cli commit "$c" >"$BENCH_WORK/commit.out"; a=$(ms_since "$t")
  printf '{"Id":"%s"}' "$(tail -1 "$BENCH_WORK/commit.out")" >"$BENCH_WORK/commit.json"; tidy "$c"
  c=$(writer); t=$(date +%s.%N); commit_curl "$c"; b=$(ms_since "$t"); tidy "$c"
  echo "$a $b" >>"$BENCH_WORK/split.txt"
done
sort -n -k1 "$BENCH_WORK/split.txt" | awk '{ a[NR] = $1 } END { printf "cli   median %d ms\n", a[int((NR + 1) / 2)] }'
sort -n -k2 "$BENCH_WORK/split.txt" | awk '{ b[NR] = $2 } END { printf "curl  median %d ms\n", b[int((NR + 1) / 2)] }'

echo "== 2. JFR of $runs commits by curl"
for i in $(seq "$runs"); do writer >>"$BENCH_WORK/jfr.names"; done
jcmd "$pid" JFR.start name=cp settings=profile filename="$BENCH_WORK/commit.jfr" >/dev/null
while read -r c; do t=$(date +%s.%N); commit_curl "$c"; echo "commit $(ms_since "$t") ms"; done <"$BENCH_WORK/jfr.names" | tr '\n' ' '; echo
jcmd "$pid" JFR.stop name=cp >/dev/null
while read -r c; do tidy "$c"; done <"$BENCH_WORK/jfr.names"
# samples of the request thread, by the innermost frame that names a phase of the commit
jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$BENCH_WORK/commit.jfr" | python3 -c '
import json, sys, collections, re
ev = json.load(sys.stdin)["recording"]["events"]
phases = [("LayerPacker", "pack the upper dir to a tar (read files, diffID hash)"),
          ("BlobStore", "blob put (copy the tar into the blob store, hash)"), ("FileBlobStore", "blob put (copy the tar into the blob store, hash)"),
          ("LayerUnpacker", "layer register: unpack the tar into the layer store"), ("LayerStore", "layer register: unpack the tar into the layer store"),
          ("Pipeline", "journal + index (pipeline)"), ("Trees", "delete temp trees"), ("ImageCommitter", "committer: config, manifest, temp file")]
c = collections.Counter(); top = collections.Counter(); n = 0
for e in ev:
    v = e["values"]; t = (v.get("sampledThread") or {}).get("javaName") or ""
    if not t.startswith("cairn-api") or not v.get("stackTrace"): continue
    names = ["%s.%s" % (f["method"]["type"]["name"], f["method"]["name"]) for f in v["stackTrace"]["frames"]]
    if any(k in names[0] for k in ("EPoll.wait", "accept0", "Unsafe.park")): continue
    n += 1; label = "other"
    for f in v["stackTrace"]["frames"]:  # innermost first; the simple class name picks the phase
        simple = re.split(r"[./]", f["method"]["type"]["name"])[-1].split("$")[0]
        hit = [p for k, p in phases if k == simple]
        if hit: label = hit[0]; break
    c[label] += 1; top[names[0].split("/")[-1]] += 1
print("busy samples of the request threads: %d" % n)
for k, v in c.most_common(): print("  %5.1f %%  %s" % (100.0 * v / max(n, 1), k))
print("top frames:"); [print("  %5.1f %%  %s" % (100.0 * v / max(n, 1), k.split(".")[-2] + "." + k.split(".")[-1] if k.count(".") else k)) for k, v in top.most_common(10)]'

echo "== 3. strace -f -c -w of the daemon during $runs commits by curl: sync calls"
for i in $(seq "$runs"); do writer >>"$BENCH_WORK/strace.names"; done
strace -f -c -w -e trace=fsync,fdatasync,syncfs,sync_file_range,openat,write,read,getdents64 -o "$BENCH_WORK/commit.strace" -p "$pid" 2>/dev/null &
st=$!; sleep 2
while read -r c; do commit_curl "$c"; done <"$BENCH_WORK/strace.names"
kill -INT "$st"; wait "$st" 2>/dev/null || true; st=
while read -r c; do tidy "$c"; done <"$BENCH_WORK/strace.names"
sed -n '1,14p' "$BENCH_WORK/commit.strace"
echo "leftovers: $(leftovers "$root")"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
