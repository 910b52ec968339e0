# info.sh - `cairn info` against a running daemon vs `docker info` vs `podman info`: whole-process wall time.
# Engine jvm is the floor of cairn's client: bin/cairn's java command line with -version in place of
# the main class (CAIRN_JVM_FLOOR), through the same launcher, flags and archive; cairn / jvm is the
# ratio to it.
# The daemons (cairn on a fresh root, dockerd via anchors/01-dockerd.sh) are started before the
# runs and stopped after; podman has no daemon, so `podman info` opens its store each time.
SCENARIO_ENGINES="cairn docker podman jvm"
SCENARIO_UNIT=ms

scenario_prepare() {
  case $1 in
    cairn) cairn_start "$BENCH_WORK/info-root" ;;
    docker) docker_start ;;
    podman) $PODMAN info >/dev/null 2>&1 || { say "podman info fails: $($PODMAN info 2>&1 | tail -2)"; return 1; } ;;
    jvm) env CAIRN_JVM_FLOOR=1 "$CAIRN" info 2>&1 | grep -q 'version' || { say "jvm: the launcher did not run java -version (CAIRN_JVM_FLOOR)"; return 1; } ;;
  esac
}

scenario_run() {
  case $1 in
    cairn) time_once "$CAIRN" --root "$BENCH_WORK/info-root" info ;;
    docker) time_once $DOCKER info ;;
    podman) time_once $PODMAN info ;;
    jvm) time_once env CAIRN_JVM_FLOOR=1 "$CAIRN" info ;;
  esac
}

scenario_finish() {
  case $1 in
    cairn) cairn_stop "$BENCH_WORK/info-root" ;;
    docker) docker_stop ;;
  esac
}
