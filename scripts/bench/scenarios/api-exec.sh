# api-exec - exec of `true` in a running container through the HTTP API alone (curl): create, start attached, inspect.
# cairn and dockerd get the same calls from scripts/bench/api-calls.sh (three curl processes and a
# shell per sample, the same overhead for both); podman has no daemon here. The container is one
# `sleep` of the busybox image per engine, started before the runs and removed after.
source "$BENCH_HOME/scripts/bench/container-lib.sh"
SCENARIO_ENGINES="cairn docker"
SCENARIO_UNIT=ms
SCENARIO_NOTE="api-exec: exec create + start (attached, no tty) + inspect of \`true\` over the API; scenario exec is the CLI's"

api_exec_root() { echo "$BENCH_WORK/api-exec-$1"; }
api_exec_name() { echo "cairn-bench-api-exec-$$-$1"; }
api_exec_socket() { if [ "$1" = cairn ]; then echo "$(api_exec_root cairn)/cairn.sock"; else echo /var/run/docker.sock; fi; }

scenario_prepare() {
  bb_up "$1" "$(api_exec_root "$1")" || return 1
  local cli; cli=$(engine_cmd "$1" "$(api_exec_root "$1")")
  # shellcheck disable=SC2046
  $cli run -d --name "$(api_exec_name "$1")" $(run_flags "$1") "$(bb_image "$1")" sleep 100000 >"$BENCH_WORK/api-exec.$1.log" 2>&1 \
    || { say "$1: the sleep container did not start: $(tail -3 "$BENCH_WORK/api-exec.$1.log")"; return 1; }
}

scenario_run() {
  time_once bash "$BENCH_HOME/scripts/bench/api-calls.sh" exec "$(api_exec_socket "$1")" "$(api_exec_name "$1")"
}

scenario_finish() {
  local cli; cli=$(engine_cmd "$1" "$(api_exec_root "$1")")
  $cli rm -f "$(api_exec_name "$1")" >/dev/null 2>&1
  bb_down "$1" "$(api_exec_root "$1")"
}
