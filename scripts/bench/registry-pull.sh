#!/usr/bin/env bash
# registry-pull.sh [RUNS] - pull of a ~10 MB two-layer image from a loopback docker-registry:
# cairn pull vs podman pull, same run, alternating, each from an empty store (the image is removed
# before every pull); prints the medians. Also the second push of an unchanged image: the blob
# uploads the registry logged (expected 0). Needs docker-registry, podman, python3. The cairn daemon is
# started once before the first run (its start is not timed); the cairn figure includes the client JVM.
set -euo pipefail
RUNS=${1:-7}
HOME_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CAIRN=${CAIRN:-$HOME_DIR/bin/cairn}
WORK=$(mktemp -d /tmp/cairn-bench-registry.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
HOST=127.0.0.1:$PORT
PODMAN="podman --root $WORK/podman/root --runroot $WORK/podman/run --tmpdir $WORK/podman/tmp --storage-driver overlay --runtime runc --cgroup-manager cgroupfs --events-backend file"
REG_PID=
cleanup() {
  [ -n "$REG_PID" ] && kill "$REG_PID" 2>/dev/null || true
  [ -f "$WORK/root/cairn.pid" ] && kill "$(cat "$WORK/root/cairn.pid")" 2>/dev/null || true
  $PODMAN rmi -a -f >/dev/null 2>&1 || true
  sleep 1
  grep " $WORK/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/data"
cat > "$WORK/config.yml" <<YAML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $WORK/data
http:
  addr: $HOST
YAML
docker-registry serve "$WORK/config.yml" > "$WORK/registry.log" 2>&1 & REG_PID=$!
for _ in $(seq 50); do curl -sf "http://$HOST/v2/" >/dev/null && break; sleep 0.1; done

# the image: busybox (~2 MB) and a layer of 8 MB of incompressible bytes
export CAIRN_ROOT=$WORK/root
"$HOME_DIR/scripts/make-busybox-rootfs.sh" "$WORK/busybox.tar" >/dev/null
"$CAIRN" import "$WORK/busybox.tar" bench-base:1 >/dev/null
mkdir -p "$WORK/ctx" && head -c 8000000 /dev/urandom > "$WORK/ctx/payload"
printf 'FROM bench-base:1\nCOPY payload /payload\n' > "$WORK/ctx/Dockerfile"
"$CAIRN" build -q -t "$HOST/bench:1" "$WORK/ctx" >/dev/null
"$CAIRN" push "$HOST/bench:1" >/dev/null
before=$(grep -c '"' "$WORK/registry.log")
"$CAIRN" push "$HOST/bench:1" >/dev/null
uploads=$(tail -n +$((before + 1)) "$WORK/registry.log" | grep -v '^time=' | grep -cE '"(POST|PATCH|PUT) /v2/[^ ]*/blobs/uploads' || true)
"$CAIRN" rmi bench-base:1 "$HOST/bench:1" >/dev/null; "$CAIRN" image prune -a -f >/dev/null

# alternate the engines run by run, each from an empty store
: > "$WORK/times"
for i in $(seq "$RUNS"); do
  "$CAIRN" rmi -f "$HOST/bench:1" >/dev/null 2>&1 || true
  t0=$(date +%s.%N); "$CAIRN" pull -q "$HOST/bench:1" >/dev/null; t1=$(date +%s.%N)
  echo "cairn $t0 $t1" >> "$WORK/times"
  "$CAIRN" rmi -f "$HOST/bench:1" >/dev/null 2>&1 || true
  # the same pull through the API alone: no client JVM (what docker's Go client would cost)
  t0=$(date +%s.%N); curl -sf --unix-socket "$WORK/root/cairn.sock" -X POST \
    "http://cairn/images/create?fromImage=$HOST/bench&tag=1" >/dev/null; t1=$(date +%s.%N)
  echo "cairn-api $t0 $t1" >> "$WORK/times"
  $PODMAN rmi -a -f >/dev/null 2>&1 || true
  t0=$(date +%s.%N); $PODMAN pull -q --tls-verify=false "$HOST/bench:1" >/dev/null; t1=$(date +%s.%N)
  echo "podman $t0 $t1" >> "$WORK/times"
done
python3 - "$WORK/times" "$uploads" "$RUNS" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    engine, t0, t1 = line.split()
    times.setdefault(engine, []).append(float(t1) - float(t0))
for engine, ts in times.items():
    print(f"{engine} pull: median {statistics.median(ts):.3f} s (runs {len(ts)}: {', '.join(f'{t:.2f}' for t in ts)})")
print(f"second push of an unchanged image: {sys.argv[2]} blob upload requests")
PY
