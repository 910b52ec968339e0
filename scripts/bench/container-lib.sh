# container-lib.sh - sourced by the run, api-run and commit scenarios: the busybox base image in
# every engine and an OCI bundle of the same rootfs for raw runc (bash; needs lib.sh).
#   BENCH_BB_TAR   rootfs tarball of scripts/make-busybox-rootfs.sh (default: $BENCH_WORK/bb.tar, made once)
#   BENCH_BB       image name the tarball is imported as. cairn gets its own root, so `bb` as in the
#                  task; docker and podman share their stores with the anchors and other users, so
#                  the same content goes in under a name of ours that finish removes again.
: "${BENCH_BB_TAR:=$BENCH_WORK/bb.tar}"
BENCH_BB_CAIRN=bb
BENCH_BB_OTHER=cairn-bench-bb

# bb_image ENGINE: the name the base image has in ENGINE
bb_image() { case $1 in cairn|docker-on-cairn) echo "$BENCH_BB_CAIRN" ;; *) echo "$BENCH_BB_OTHER" ;; esac; }

# on_cairn ENGINE: true for the engines whose daemon is a cairn daemon of the scenario's own root
on_cairn() { [ "$1" = cairn ] || [ "$1" = docker-on-cairn ]; }

# bb_tar: makes BENCH_BB_TAR once per run
bb_tar() {
  [ -s "$BENCH_BB_TAR" ] && return 0
  bash "$BENCH_HOME/scripts/make-busybox-rootfs.sh" "$BENCH_BB_TAR" 2>"$BENCH_WORK/bb-rootfs.log" \
    || { say "make-busybox-rootfs.sh failed: $(tail -3 "$BENCH_WORK/bb-rootfs.log")"; return 1; }
}

# podman's run/create flags on this host (anchors/common.sh): no network, and rlimits the sandbox allows
podman_run_flags() {
  local nproc; nproc=$(ulimit -Hu); { [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; } && nproc=32768
  printf -- '--network none --ulimit nofile=%s:%s --ulimit nproc=%s:%s' "$(ulimit -Hn)" "$(ulimit -Hn)" "$nproc" "$nproc"
}

# engine_cmd ENGINE ROOT: the client command line (cairn: with --root ROOT)
engine_cmd() {
  case $1 in
    cairn) printf '%s --root %s' "$CAIRN" "$2" ;;
    docker-on-cairn) printf 'env DOCKER_HOST=unix://%s/cairn.sock %s' "$2" "$DOCKER" ;;
    docker) printf '%s' "$DOCKER" ;;
    podman) printf '%s' "$PODMAN" ;;
  esac
}

# run_flags ENGINE: flags every engine's run/create gets so that they do the same work
run_flags() {
  case $1 in
    cairn) printf -- '--network none' ;;     # cairn's default, stated for symmetry
    docker|docker-on-cairn) printf -- '--network none' ;;
    podman) podman_run_flags ;;
  esac
}

# bb_up ENGINE ROOT: the engine's daemon (cairn on ROOT, dockerd via the anchors) and the base image
# imported from the one tarball. runc: the bundle instead (bb_bundle).
bb_up() {
  bb_tar || return 1
  case $1 in
    cairn|docker-on-cairn) cairn_start "$2" || return 1 ;;
    docker) docker_start || return 1 ;;
    podman) $PODMAN images >/dev/null 2>&1 || { say "podman images fails: $($PODMAN images 2>&1 | tail -2)"; return 1; } ;;
    runc) bb_bundle "$2"; return ;;
  esac
  # the docker CLI on cairn imports with cairn's own CLI: the image is the same, only the client differs
  local cli; if on_cairn "$1"; then cli=$(engine_cmd cairn "$2"); else cli=$(engine_cmd "$1" "$2"); fi
  $cli import "$BENCH_BB_TAR" "$(bb_image "$1")" >"$BENCH_WORK/import.$1.log" 2>&1 \
    || { say "$1 import failed: $(tail -3 "$BENCH_WORK/import.$1.log")"; return 1; }
  on_cairn "$1" && cairn_first_container "$2"
  return 0
}

# cairn_first_container ROOT: starts and removes one container, untimed, retrying once. The first
# start of a fresh daemon can fail with "conmon exited without a word" (docs/BENCHMARKS.md, issue 5:
# the JDK closes the sync pipe when conmon's first process exits before the daemon reads it; cold
# code loses that race more often). Later starts rarely do; a sample that fails still fails the run.
cairn_first_container() {
  local sock="$1/cairn.sock" try
  for try in 1 2; do
    curl -sS -f --unix-socket "$sock" -o /dev/null -H 'Content-Type: application/json' \
      -d '{"Image":"'"$BENCH_BB_CAIRN"'","Cmd":["true"]}' "http://x/containers/create?name=cairn-bench-first-$try" || return 1
    if curl -sS -f --unix-socket "$sock" -o /dev/null -X POST "http://x/containers/cairn-bench-first-$try/start" 2>/dev/null; then
      curl -sS -f --unix-socket "$sock" -o /dev/null -X POST "http://x/containers/cairn-bench-first-$try/wait"
      curl -sS -f --unix-socket "$sock" -o /dev/null -X DELETE "http://x/containers/cairn-bench-first-$try"
      [ "$try" = 1 ] || echo "cairn: first container start on $1 failed once (conmon sync race)" >>"$BENCH_WORK/notes.txt"
      return 0
    fi
    curl -sS --unix-socket "$sock" -o /dev/null -X DELETE "http://x/containers/cairn-bench-first-$try"
  done
  say "cairn: no container starts on $1"; return 1
}

# bb_down ENGINE ROOT: removes what bb_up made (the image in docker/podman; cairn's daemon is
# stopped and its root deleted by the caller)
bb_down() {
  case $1 in
    cairn|docker-on-cairn) cairn_stop "$2" ;;
    docker) $DOCKER rmi "$BENCH_BB_OTHER" >/dev/null 2>&1; docker_stop ;;
    podman) $PODMAN rmi "$BENCH_BB_OTHER" >/dev/null 2>&1 ;;
    runc) rm -rf "$2" ;;
  esac
  return 0
}

# bb_bundle DIR: an OCI bundle of the tarball's rootfs, `runc spec` defaults, args `true`, no terminal
# (as anchors/02-make-bb.sh)
bb_bundle() {
  local dir=$1
  rm -rf "$dir"; mkdir -p "$dir/rootfs"
  tar -C "$dir/rootfs" -xf "$BENCH_BB_TAR" || return 1
  (cd "$dir" && runc spec) || return 1
  python3 - "$dir/config.json" <<'PY'
import json, sys
p = sys.argv[1]; c = json.load(open(p))
c["process"]["terminal"] = False
c["process"]["args"] = ["true"]
json.dump(c, open(p, "w"), indent=1)
PY
}

# leftovers ROOT: what a cairn root still holds after a scenario: containers cairn lists, overlay
# mounts under ROOT, conmon/runc processes naming ROOT. Prints one line; empty when clean.
leftovers() {
  local root=$1 n m p
  n=$("$CAIRN" --root "$root" ps -a -q 2>/dev/null | wc -l)
  m=$(grep -c " $root/" /proc/mounts)
  p=$(pgrep -f -- "$root/" | grep -vx "$(cat "$root/cairn.pid" 2>/dev/null)" | grep -vx "$$" | wc -l)
  [ "$n$m$p" = 000 ] || echo "containers $n, mounts $m, processes $p under $root"
}
