# idle-rss.sh - daemon VmRSS after start + IDLE_WAIT (default 10) s idle: cairn's daemon vs dockerd + its containerd.
# Each run starts a fresh daemon (cairn on a new root; dockerd through anchors/01-dockerd.sh),
# idles, reads /proc/PID/status VmRSS, and stops it by PID. podman has no daemon: not measured.
SCENARIO_ENGINES="cairn docker"
SCENARIO_UNIT=MiB
SCENARIO_RUNS=3
SCENARIO_NOTE="idle-rss: podman is daemonless (nothing idles); docker = dockerd + containerd, IDLE_WAIT=${IDLE_WAIT:-10}s"
RSS_SEQ=0

scenario_prepare() {
  case $1 in
    docker) if $DOCKER info >/dev/null 2>&1; then say "a docker daemon already runs: cannot measure a fresh one"; return 1; fi ;;
  esac
}

scenario_run() {
  local kib
  RSS_SEQ=$((RSS_SEQ + 1))
  case $1 in
    cairn)
      local root="$BENCH_WORK/rss-root-$RSS_SEQ"
      cairn_start "$root" || return 1
      sleep "${IDLE_WAIT:-10}"
      kib=$(rss_kib "$(cat "$root/cairn.pid")")
      cairn_stop "$root"
      rm -rf "$root"
      ;;
    docker)
      docker_start || return 1
      sleep "${IDLE_WAIT:-10}"
      kib=$(rss_kib $(dockerd_pids))
      docker_stop
      ;;
  esac
  [ -n "$kib" ] && echo "$kib"
}

scenario_finish() {
  case $1 in
    docker) docker_stop ;;
  esac
}
