# ps - `ps -a` with 20 created containers, whole process: cairn, the docker CLI on cairn, docker, podman.
# Each engine creates 20 containers of the busybox image (never started) before the runs and removes
# them after. docker's and podman's stores are shared with whatever else this host holds, so their
# lists may be longer; the notes say how many lines each printed.
source "$BENCH_HOME/scripts/bench/container-lib.sh"
SCENARIO_ENGINES="cairn docker-on-cairn docker podman"
SCENARIO_UNIT=ms
SCENARIO_NOTE="ps: \`ps -a\` with 20 created containers of ours"
PS_COUNT=20

ps_root() { echo "$BENCH_WORK/ps-$1"; }

scenario_prepare() {
  bb_up "$1" "$(ps_root "$1")" || return 1
  local cli i; cli=$(engine_cmd "$1" "$(ps_root "$1")")
  for ((i = 1; i <= PS_COUNT; i++)); do
    # shellcheck disable=SC2046
    $cli create --name "cairn-bench-ps-$$-$i" $(run_flags "$1") "$(bb_image "$1")" true >/dev/null 2>"$BENCH_WORK/ps.$1.log" \
      || { say "$1: create failed: $(tail -3 "$BENCH_WORK/ps.$1.log")"; return 1; }
  done
}

scenario_run() {
  local cli; cli=$(engine_cmd "$1" "$(ps_root "$1")")
  time_once $cli ps -a
}

scenario_finish() {
  local cli i; cli=$(engine_cmd "$1" "$(ps_root "$1")")
  echo "ps: $1 listed $($cli ps -a -q 2>/dev/null | wc -l) containers" >>"$BENCH_WORK/notes.txt"
  for ((i = 1; i <= PS_COUNT; i++)); do $cli rm -f "cairn-bench-ps-$$-$i" >/dev/null 2>&1; done
  bb_down "$1" "$(ps_root "$1")"
}
