#!/bin/bash
# network-pairs.sh [N] - `run --rm IMAGE true` on the bridge and with --network none, cairn and podman,
# the four commands in turn for N rounds; prints "ENGINE-MODE MILLISECONDS" lines (docs/BENCHMARKS.md,
# issue 14). Needs: a cairn root $R with busybox imported as bb and a daemon on it, podman with
# cairn-bench-nettest imported from the same make-busybox-rootfs.sh tarball.
set -u
N=${1:-10}
CAIRN=${CAIRN:-$(dirname "$0")/../../bin/cairn}
R=${R:-/tmp/nb-root}
P="podman --cgroup-manager=cgroupfs --runtime=runc --events-backend=file --network-backend netavark"
H=$(ulimit -Hn); U="--ulimit nofile=$H:$H --ulimit nproc=32768:32768"
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || echo "FAIL $*" >&2; e=$(date +%s%N); echo $(( (e-s)/1000000 )); }
for i in $(seq "$N"); do
  echo "cairn-bridge $(t $CAIRN --root $R run --rm --network bridge bb true)"
  echo "cairn-none $(t $CAIRN --root $R run --rm --network none bb true)"
  echo "podman-bridge $(t $P run --rm --network bridge $U cairn-bench-nettest /bin/true)"
  echo "podman-none $(t $P run --rm --network none $U cairn-bench-nettest /bin/true)"
done
