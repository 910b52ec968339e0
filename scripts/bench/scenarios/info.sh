# info.sh - `cairn info` against a running daemon vs `docker info` vs `podman info`: whole-process wall time.
# The daemons (cairn on a fresh root, dockerd via anchors/01-dockerd.sh) are started before the
# runs and stopped after; podman has no daemon, so `podman info` opens its store each time.
SCENARIO_ENGINES="cairn docker podman"
SCENARIO_UNIT=ms

scenario_prepare() {
  case $1 in
    cairn) cairn_start "$BENCH_WORK/info-root" ;;
    docker) docker_start ;;
    podman) $PODMAN info >/dev/null 2>&1 || { say "podman info fails: $($PODMAN info 2>&1 | tail -2)"; return 1; } ;;
  esac
}

scenario_run() {
  case $1 in
    cairn) time_once "$CAIRN" --root "$BENCH_WORK/info-root" info ;;
    docker) time_once $DOCKER info ;;
    podman) time_once $PODMAN info ;;
  esac
}

scenario_finish() {
  case $1 in
    cairn) cairn_stop "$BENCH_WORK/info-root" ;;
    docker) docker_stop ;;
  esac
}
