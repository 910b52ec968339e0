#!/usr/bin/env bash
# registry-pull.sh [RUNS] - pull and push of a ~10 MB two-layer image with a loopback docker-registry:
# cairn (its CLI; the API alone through curl; the stock docker CLI on cairn's socket) vs docker
# (dockerd from the anchors, which trusts 127.0.0.0/8 without TLS) vs podman, same run, alternating.
# Pulls: each from an empty store (the image is removed before every pull). Pushes: each into an
# empty registry (restarted on a fresh directory before every push, untimed), so every engine uploads
# both layers and none can mount them from elsewhere. Prints the medians. Also the second push of an
# unchanged image: the blob uploads the registry logged (expected 0). Needs docker-registry, podman,
# python3; docker is skipped (and said so) when dockerd is not installed. The daemons are started once
# before the first run (not timed); the cairn figure includes the client JVM.
set -euo pipefail
RUNS=${1:-7}
HOME_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CAIRN=${CAIRN:-$HOME_DIR/bin/cairn}
WORK=$(mktemp -d /tmp/cairn-bench-registry.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
HOST=127.0.0.1:$PORT
PODMAN="podman --root $WORK/podman/root --runroot $WORK/podman/run --tmpdir $WORK/podman/tmp --storage-driver overlay --runtime runc --cgroup-manager cgroupfs --events-backend file"
REG_PID=
BENCH_WORK=$WORK
source "$HOME_DIR/scripts/bench/lib.sh"
DOCKER_ON=no
cleanup() {
  [ -n "$REG_PID" ] && kill "$REG_PID" 2>/dev/null || true
  if [ "$DOCKER_ON" = yes ]; then $DOCKER rmi -f "$HOST/bench:1" >/dev/null 2>&1 || true; docker_stop || true; fi
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
# registry_up: the registry on $WORK/data (made empty by the caller when it wants), answering /v2/
registry_up() {
  docker-registry serve "$WORK/config.yml" >> "$WORK/registry.log" 2>&1 & REG_PID=$!
  for _ in $(seq 50); do curl -sf "http://$HOST/v2/" >/dev/null && return 0; sleep 0.1; done
  echo "the registry did not come up: $(tail -3 "$WORK/registry.log")" >&2; return 1
}
registry_down() { kill "$REG_PID"; wait "$REG_PID" 2>/dev/null || true; REG_PID=; }
registry_up
if engine_available docker 2>/dev/null && docker_start; then DOCKER_ON=yes; else echo "docker: not measured (no dockerd)" >&2; fi

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

# timed CMD...: appends "ENGINE t0 t1" for one run of CMD (stdout and stderr to $WORK/last.out)
timed() {
  local engine=$1 t0 t1; shift
  t0=$(date +%s.%N); "$@" >"$WORK/last.out" 2>&1 || { echo "$engine failed: $(tail -3 "$WORK/last.out")" >&2; exit 1; }; t1=$(date +%s.%N)
  echo "$engine $t0 $t1" >> "$WORK/times"
}
export DOCKER_HOST_CAIRN=unix://$WORK/root/cairn.sock

# pulls: alternate the engines run by run, each from an empty store
: > "$WORK/times"
for i in $(seq "$RUNS"); do
  "$CAIRN" rmi -f "$HOST/bench:1" >/dev/null 2>&1 || true
  timed "cairn-pull" "$CAIRN" pull -q "$HOST/bench:1"
  "$CAIRN" rmi -f "$HOST/bench:1" >/dev/null 2>&1 || true
  # the same pull through the API alone: no client JVM
  timed "cairn-api-pull" curl -sf --unix-socket "$WORK/root/cairn.sock" -X POST "http://cairn/images/create?fromImage=$HOST/bench&tag=1"
  "$CAIRN" rmi -f "$HOST/bench:1" >/dev/null 2>&1 || true
  timed "docker-on-cairn-pull" env DOCKER_HOST="$DOCKER_HOST_CAIRN" $DOCKER pull -q "$HOST/bench:1"
  if [ "$DOCKER_ON" = yes ]; then
    $DOCKER rmi -f "$HOST/bench:1" >/dev/null 2>&1 || true
    timed "docker-pull" $DOCKER pull -q "$HOST/bench:1"
  fi
  $PODMAN rmi -a -f >/dev/null 2>&1 || true
  timed "podman-pull" $PODMAN pull -q --tls-verify=false "$HOST/bench:1"
done

# pushes: every engine has the image now; each push goes into an empty registry
push_fresh() {
  registry_down; rm -rf "$WORK/data"; mkdir -p "$WORK/data"; registry_up
  timed "$@"
}
for i in $(seq "$RUNS"); do
  push_fresh "cairn-push" "$CAIRN" push "$HOST/bench:1"
  push_fresh "docker-on-cairn-push" env DOCKER_HOST="$DOCKER_HOST_CAIRN" $DOCKER push "$HOST/bench:1"
  if [ "$DOCKER_ON" = yes ]; then push_fresh "docker-push" $DOCKER push "$HOST/bench:1"; fi
  push_fresh "podman-push" $PODMAN push --tls-verify=false "$HOST/bench:1"
done
python3 - "$WORK/times" "$uploads" "$RUNS" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    engine, t0, t1 = line.split()
    times.setdefault(engine, []).append(float(t1) - float(t0))
for engine, ts in times.items():
    print(f"{engine}: median {statistics.median(ts):.3f} s (runs {len(ts)}: {', '.join(f'{t:.2f}' for t in ts)})")
print(f"second push of an unchanged image: {sys.argv[2]} blob upload requests")
PY
