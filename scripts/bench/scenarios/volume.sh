# volume.sh - create + rm of a named volume (one timed `sh -c 'create && rm'`, the same shell cost for every engine).
# Each run uses a new name. Daemons are started before the runs and stopped after (see info.sh).
SCENARIO_ENGINES="cairn docker podman"
SCENARIO_UNIT=ms
VOLUME_SEQ=0

scenario_prepare() {
  case $1 in
    cairn) cairn_start "$BENCH_WORK/volume-root" ;;
    docker) docker_start ;;
    podman) $PODMAN volume ls >/dev/null 2>&1 || { say "podman volume ls fails"; return 1; } ;;
  esac
}

scenario_run() {
  local cli
  case $1 in
    cairn) cli="$(printf '%q' "$CAIRN") --root $(printf '%q' "$BENCH_WORK/volume-root")" ;;
    docker) cli=$DOCKER ;;
    podman) cli=$PODMAN ;;
  esac
  VOLUME_SEQ=$((VOLUME_SEQ + 1))
  local name="cairn-bench-$$-$VOLUME_SEQ-$RANDOM"
  time_once sh -c "$cli volume create $name >/dev/null && $cli volume rm $name >/dev/null"
}

scenario_finish() {
  case $1 in
    cairn) cairn_stop "$BENCH_WORK/volume-root" ;;
    docker) docker_stop ;;
  esac
}
