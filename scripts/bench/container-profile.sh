#!/bin/bash
# container-profile.sh [RUNS] - where cairn's container create + start + wait goes, against one
# fresh daemon with the busybox image (container-lib.sh). Three passes of RUNS (default 20) runs of
# create + start + wait + delete over the API (one curl each, as scenarios/api-run.sh):
#   1. plain: curl's per-request times (medians)
#   2. under `strace -f -ttt` of the daemon and its children (conmon, runc, the container): the
#      phase timeline of container-phases.py (mount, config.json, conmon, each runc command, exit
#      file, unmount), in ms from the create request. strace slows every traced syscall; read the
#      order and the relative sizes, the absolute numbers are pessimistic.
#   3. under JFR (settings=profile) of the daemon: the busy Java methods (jfr-top.sh) and the
#      threads' sleeps (jdk.ThreadSleep) during the runs.
# Then `strace -c -f` of the same cycle (syscall counts of the daemon + conmon + runc) and a check
# that nothing is left: cairn ps -a, mounts under the root, conmon/runc processes.
# Starts and stops its daemon by PID; deletes its scratch directory unless KEEP=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
runs=${1:-20}
BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/cairn-container-profile.XXXXXX")
export BENCH_WORK
source "$here/container-lib.sh"
root="$BENCH_WORK/root"
st=
cleanup() {
  set +e
  [ -n "$st" ] && kill -INT "$st" 2>/dev/null && wait "$st" 2>/dev/null
  cairn_stop "$root"
  [ "${KEEP:-0}" = 1 ] && echo "kept $BENCH_WORK" || rm -rf "$BENCH_WORK"
}
trap cleanup EXIT
bb_up cairn "$root"
sock="$root/cairn.sock"; pid=$(cat "$root/cairn.pid")
echo '{"Image":"bb","Cmd":["true"],"HostConfig":{"NetworkMode":"none"}}' >"$BENCH_WORK/body.json"
seq=0
# cycle MARKS: one create + start + wait + delete; appends "NAME T0 create start wait delete" to MARKS
cycle() {
  seq=$((seq + 1)); local name="prof-$seq" t0 times
  t0=$(date +%s.%N)
  times=$(curl --fail-early -sS -f --unix-socket "$sock" -w '%{time_total}\n' -o /dev/null \
      -H 'Content-Type: application/json' -d @"$BENCH_WORK/body.json" "http://x/containers/create?name=$name" \
    --next -sS -f --unix-socket "$sock" -w '%{time_total}\n' -o /dev/null -X POST "http://x/containers/$name/start" \
    --next -sS -f --unix-socket "$sock" -w '%{time_total}\n' -o /dev/null -X POST "http://x/containers/$name/wait" \
    --next -sS -f --unix-socket "$sock" -w '%{time_total}\n' -o /dev/null -X DELETE "http://x/containers/$name") || true
  if [ "$(echo $times | wc -w)" = 4 ]; then echo "$name $t0 $(echo $times)" >>"$1"; return; fi
  # a failed create/start (the conmon sync race, docs/BENCHMARKS.md): counted, the container removed
  echo "$name: $(curl -sS --unix-socket "$sock" "http://x/containers/$name/json" | grep -o '"Error":"[^"]*"')" >>"$BENCH_WORK/failures.txt"
  curl -sS --unix-socket "$sock" -o /dev/null -X DELETE "http://x/containers/$name?force=1"
}
medians() {
  python3 -c '
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 6]
cols = list(zip(*[[float(x) * 1e3 for x in r[2:]] for r in rows]))
tot = [sum(r) for r in zip(*cols)]
print("n=%d  median ms: create %.1f  start %.1f  wait %.1f  delete %.1f  (create+start+wait %.1f; all four %.1f)" % (
    len(rows), *[statistics.median(c) for c in cols], statistics.median([a + b + c for a, b, c, _ in zip(*cols)]), statistics.median(tot)))
print("wait > 200 ms in %d of %d runs" % (sum(1 for w in cols[2] if w > 200), len(rows)))' "$1"
}
echo "run: $(date -u +%FT%TZ)  load average: $(cut -d' ' -f1-3 /proc/loadavg)  daemon pid $pid"
echo "== 1. plain, $runs runs"
for i in $(seq "$runs"); do cycle "$BENCH_WORK/plain.marks"; done
medians "$BENCH_WORK/plain.marks"

echo "== 2. under strace -f -ttt, $runs runs"
strace -f -ttt -s 300 -e trace=execve,clone,clone3,vfork,openat,fsopen,move_mount,umount2,mount -e signal=none \
  -o "$BENCH_WORK/phases.strace" -p "$pid" 2>/dev/null &
st=$!; sleep 2
for i in $(seq "$runs"); do cycle "$BENCH_WORK/strace.marks"; done
kill -INT "$st"; wait "$st" 2>/dev/null || true; st=
medians "$BENCH_WORK/strace.marks"
python3 "$here/container-phases.py" "$BENCH_WORK/phases.strace" "$BENCH_WORK/strace.marks"

echo "== 3. under JFR, $runs runs"
jcmd "$pid" JFR.start name=cp settings=profile filename="$BENCH_WORK/cp.jfr" >/dev/null
for i in $(seq "$runs"); do cycle "$BENCH_WORK/jfr.marks"; done
jcmd "$pid" JFR.stop name=cp >/dev/null
medians "$BENCH_WORK/jfr.marks"
# the daemon's threads by what their samples were doing: idle (Jetty's selector and acceptor, parked),
# blocked on a child process (reading runc's pipes, waiting for it), or running Java
jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample,jdk.ThreadSleep "$BENCH_WORK/cp.jfr" | python3 -c '
import json, sys, collections, re
ev = json.load(sys.stdin)["recording"]["events"]
cat, busy, sleeps, nsl = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
def ms(d):
    m = re.match(r"PT(?:([\d.]+)M)?(?:([\d.]+)S)?", d); return (float(m.group(1) or 0) * 60 + float(m.group(2) or 0)) * 1e3
for e in ev:
    v = e["values"]; frames = (v.get("stackTrace") or {}).get("frames") or []
    names = ["%s.%s" % (f["method"]["type"]["name"], f["method"]["name"]) for f in frames]
    thread = re.sub(r"[0-9a-f]{12}$", "ID", re.sub(r"-\d+$", "-N", (v.get("sampledThread") or v.get("eventThread") or {}).get("javaName") or "?"))
    if e["type"] == "jdk.ThreadSleep":
        own = [n for n in names if not n.startswith("java")][:1]
        key = (thread, own[0].split("/")[-1] if own else "?"); sleeps[key] += ms(v["duration"]); nsl[key] += 1; continue
    top = names[0] if names else "?"
    if any(k in top for k in ("EPoll.wait", "accept0", "Unsafe.park")): c = "idle (selector, acceptor, parked)"
    elif any(k in top for k in ("FileInputStream.readBytes", "ProcessImpl.waitFor", "forkAndExec", "waitForProcessExit")): c = "child process: fork/exec, read its pipes, wait"
    else: c = "running Java"; busy[next((n for n in names if "io/cairn" in n), top).split("/")[-1]] += 1
    cat[c] += 1
n = sum(cat.values()); print("samples (execution + native): %d" % n)
for c, k in cat.most_common(): print("  %5.1f %%  %s" % (100.0 * k / n, c))
print("running Java, by innermost cairn frame:"); [print("  %4d  %s" % (k, m)) for m, k in busy.most_common(8)]
print("Thread.sleep during the runs (thread, caller: count, total ms):")
for (t, w), v in sleeps.most_common(8): print("  %-28s %-44s %5d x  %7.0f ms" % (t, w, nsl[(t, w)], v))'
echo "== 4. strace -c -f: 5 cycles, syscalls of daemon + conmon + runc + container"
strace -c -f -o "$BENCH_WORK/count.strace" -p "$pid" 2>/dev/null &
st=$!; sleep 2
for i in 1 2 3 4 5; do cycle "$BENCH_WORK/count.marks"; done
kill -INT "$st"; wait "$st" 2>/dev/null || true; st=
sed -n '1,16p' "$BENCH_WORK/count.strace"

echo "== 5. run --rm: whole CLI process vs the same requests by curl (AutoRemove), $runs runs each, hyperfine"
echo '{"Image":"bb","Cmd":["true"],"HostConfig":{"NetworkMode":"none","AutoRemove":true}}' >"$BENCH_WORK/body-rm.json"
cat >"$BENCH_WORK/curl-rm.sh" <<CURL
#!/bin/sh
n=rm-\$\$-\$(date +%N)
exec curl --fail-early -sS -f --unix-socket $sock -o /dev/null -H 'Content-Type: application/json' -d @$BENCH_WORK/body-rm.json "http://x/containers/create?name=\$n" \\
  --next -sS -f --unix-socket $sock -o /dev/null -X POST "http://x/containers/\$n/start" \\
  --next -sS -f --unix-socket $sock -o /dev/null -X POST "http://x/containers/\$n/wait"
CURL
chmod +x "$BENCH_WORK/curl-rm.sh"
# -i: a failed run (the conmon sync race) must not end the comparison; failures are counted below
hyperfine -N -i -w 1 -r "$runs" --style basic --export-json "$BENCH_WORK/rm.json" \
  -n "cairn info (client floor)" "$CAIRN --root $root info" \
  -n "cairn run --rm bb true" "$CAIRN --root $root run --rm bb true" \
  -n "curl: create(AutoRemove) + start + wait" "$BENCH_WORK/curl-rm.sh" >/dev/null 2>&1
python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    bad = sum(1 for c in r.get("exit_codes", []) if c != 0)
    print("  %-42s median %6.1f ms  min %6.1f  user+sys %5.0f ms  failed %d" % (r["command"], r["median"] * 1e3, r["min"] * 1e3, (r["user"] + r["system"]) * 1e3, bad))' "$BENCH_WORK/rm.json"

echo "== 6. leftovers after $((3 * runs + 5)) containers: $(leftovers "$root")"
echo "   cairn ps -a: $("$CAIRN" --root "$root" ps -a -q | wc -l) containers; overlay mounts under $root: $(grep -c " $root/" /proc/mounts); conmon/runc naming the root: $(pgrep -f -- "$root/" | grep -vcx "$pid")"
echo "failed starts: $(cat "$BENCH_WORK/failures.txt" 2>/dev/null | wc -l)"; cat "$BENCH_WORK/failures.txt" 2>/dev/null | cut -c1-200
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
