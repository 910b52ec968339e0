# lib.sh - sourced by compare.sh and the scenarios: timing, engines, daemons, statistics (bash).
# Every setting is an environment variable with a default:
#   CAIRN        cairn launcher (default: <repo>/bin/cairn)
#   DOCKER       docker CLI (default: docker)
#   PODMAN       podman command line with the global flags this host needs (anchors/common.sh)
#   ANCHORS      the anchors directory, for 01-dockerd.sh (default: <repo>/../shared/anchors)
#   BENCH_WORK   scratch directory of one run (compare.sh makes one)
#   BENCH_TIMER  hyperfine | time   (default: hyperfine when installed, else GNU /usr/bin/time)

BENCH_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${CAIRN:=$BENCH_HOME/bin/cairn}"
: "${DOCKER:=docker}"
: "${PODMAN:=podman --cgroup-manager=cgroupfs --runtime=runc --storage-driver=overlay --events-backend=file}"
: "${ANCHORS:=$(cd "$BENCH_HOME/.." && pwd)/shared/anchors}"
if [ -z "${BENCH_TIMER:-}" ]; then
  if command -v hyperfine >/dev/null; then BENCH_TIMER=hyperfine; else BENCH_TIMER=time; fi
fi

say() { printf '%s\n' "$*" >&2; }

# --- engines ---------------------------------------------------------------------------------
# engine_available ENGINE: 0 when it can run here; otherwise prints why not to stderr.
engine_available() {
  case $1 in
    cairn) [ -x "$CAIRN" ] || { say "cairn: $CAIRN is not executable"; return 1; }
           "$CAIRN" --version >/dev/null 2>&1 || { say "cairn: '$CAIRN --version' fails (not built?)"; return 1; } ;;
    docker) command -v dockerd >/dev/null && command -v "${DOCKER%% *}" >/dev/null \
              || { say "docker: dockerd or the docker CLI is not installed (anchors/00-install.sh)"; return 1; } ;;
    # the two docker builders: BuildKit needs a CLI with it built in (anchors/README.md: the docker.io
    # 20.10 CLI; the CLI 28 on PATH has no buildx plugin)
    docker-buildkit) engine_available docker || return 1
                     [ -x "${DOCKER_BK_CLI:-/usr/bin/docker}" ] || { say "docker-buildkit: ${DOCKER_BK_CLI:-/usr/bin/docker} is missing"; return 1; } ;;
    docker-legacy) engine_available docker ;;
    podman) command -v "${PODMAN%% *}" >/dev/null || { say "podman: not installed (anchors/00-install.sh)"; return 1; } ;;
    # the client JVM's floor: bin/cairn's own java command line (flags, archive, class path) with
    # -version in place of the main class (CAIRN_JVM_FLOOR), so the JVM boots and exits
    jvm) engine_available cairn ;;
    runc) command -v runc >/dev/null || { say "runc: not installed"; return 1; } ;;
    # the stock docker CLI on cairn's socket: the engine's own speed, without the JVM client
    docker-on-cairn) engine_available cairn || return 1
                     command -v "${DOCKER%% *}" >/dev/null || { say "docker-on-cairn: no docker CLI ($DOCKER)"; return 1; } ;;
    *) say "unknown engine $1"; return 1 ;;
  esac
}

# --- timing ----------------------------------------------------------------------------------
# time_once CMD [ARG...]: runs CMD once (stdout and stderr to $BENCH_WORK/last.out) and prints
# its whole-process wall time in seconds. Fails when CMD fails.
time_once() {
  local out="$BENCH_WORK/last.out"
  case $BENCH_TIMER in
    hyperfine)
      local q; q=$(printf '%q ' "$@")
      # -N: no intermediate shell; one run, so that the caller can alternate engines run by run
      hyperfine -N -r 1 --style none --output "$out" --export-csv "$BENCH_WORK/last.csv" -- "$q" >/dev/null 2>&1 \
        || { say "failed: $* (output: $(tail -3 "$out" 2>/dev/null))"; return 1; }
      # columns: command,mean,stddev,median,user,system,min,max
      awk -F, 'NR == 2 { print $(NF - 1) }' "$BENCH_WORK/last.csv"
      ;;
    time)
      /usr/bin/time -f '%e' -o "$BENCH_WORK/last.time" "$@" >"$out" 2>&1 \
        || { say "failed: $* (output: $(tail -3 "$out"))"; return 1; }
      tail -1 "$BENCH_WORK/last.time"
      ;;
    *) say "BENCH_TIMER must be hyperfine or time, not $BENCH_TIMER"; return 2 ;;
  esac
}

# --- statistics ------------------------------------------------------------------------------
# median FILE: median of the numbers in FILE, one a line
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { sort -g "$1" | head -1; }
maximum() { sort -g "$1" | tail -1; }

# --- memory ----------------------------------------------------------------------------------
# rss_kib PID...: sum of VmRSS (KiB) of the given processes, from /proc/PID/status
rss_kib() {
  local total=0 p v
  for p in "$@"; do
    v=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$p/status" 2>/dev/null) || v=
    [ -n "$v" ] || { say "no VmRSS for pid $p"; return 1; }
    total=$((total + v))
  done
  echo "$total"
}

# --- cairn daemon ----------------------------------------------------------------------------
# cairn_start ROOT: starts 'cairn --root ROOT daemon' in the background; returns once cairn.pid
# names a live process and 'cairn info' answers.
cairn_start() {
  local root=$1 i
  mkdir -p "$root"
  # 'daemon' first: bin/cairn's flag scan stops at the value of a leading --root, so
  # 'cairn --root R daemon' would run the daemon without the JVM flags Chronicle needs
  setsid "$CAIRN" daemon --root "$root" >"$root.daemon.out" 2>&1 </dev/null &
  for i in $(seq 100); do
    if [ -s "$root/cairn.pid" ] && kill -0 "$(cat "$root/cairn.pid")" 2>/dev/null; then
      "$CAIRN" --root "$root" info >/dev/null 2>&1 && return 0
    fi
    sleep 0.1
  done
  say "cairn daemon on $root did not come up: $(tail -5 "$root.daemon.out")"
  return 1
}

# cairn_stop ROOT: SIGTERM to the pid in ROOT/cairn.pid, then waits (at most 30 s) for it to exit,
# and removes the root's conmon socket directory if empty (cairn_socket_dir).
cairn_stop() {
  local root=$1 pid i
  pid=$(cat "$root/cairn.pid" 2>/dev/null) || return 0
  kill -TERM "$pid" 2>/dev/null || { rmdir "$(cairn_socket_dir "$root")" 2>/dev/null; return 0; }
  for i in $(seq 300); do
    if ! kill -0 "$pid" 2>/dev/null; then rmdir "$(cairn_socket_dir "$root")" 2>/dev/null; return 0; fi
    sleep 0.1
  done
  say "cairn daemon $pid (root $root) still running after SIGTERM"
  return 1
}

# cairn_socket_dir ROOT: where the daemon on ROOT has conmon put attach sockets
# (RuncOptions.defaults: /run/cairn/ + 12 hex digits of SHA-256 of the absolute, normalized root).
# The daemon never removes it; every root would leave one behind.
cairn_socket_dir() { printf '/run/cairn/%s' "$(printf '%s' "$(realpath -sm "$1")" | sha256sum | cut -c1-12)"; }

# --- docker daemon (anchors/01-dockerd.sh: starts dockerd by hand, stops only the pid it started)
docker_start() {
  if $DOCKER info >/dev/null 2>&1; then DOCKERD_OURS=no; return 0; fi
  ANCHOR_WORK="$BENCH_WORK/anchors" IDLE_WAIT=0 bash "$ANCHORS/01-dockerd.sh" start >"$BENCH_WORK/dockerd.start.log" 2>&1 \
    || { say "dockerd did not start: $(tail -3 "$BENCH_WORK/dockerd.start.log")"; return 1; }
  DOCKERD_OURS=yes
}

docker_stop() {
  [ "${DOCKERD_OURS:-no}" = yes ] || return 0
  ANCHOR_WORK="$BENCH_WORK/anchors" bash "$ANCHORS/01-dockerd.sh" stop >>"$BENCH_WORK/dockerd.start.log" 2>&1
  DOCKERD_OURS=no
}

# dockerd_pids: the dockerd this run started, and its containerd
dockerd_pids() {
  local pid
  pid=$(cat "$BENCH_WORK/anchors/dockerd.pid" 2>/dev/null) || { say "no dockerd pid file in $BENCH_WORK/anchors"; return 1; }
  echo "$pid" $(pgrep -P "$pid" -x containerd)
}
