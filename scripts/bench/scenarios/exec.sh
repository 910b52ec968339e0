# exec - `exec CONTAINER true` in a running container, whole process: cairn, the docker CLI on cairn, docker, podman.
# Each engine runs one `sleep` container (--network none, as in scenario run) before the runs and
# removes it after; a sample is one `exec NAME true` from the shell (client, exec create, start with
# its attach, exit code), so cairn's figure includes the JVM client and docker-on-cairn's does not.
source "$BENCH_HOME/scripts/bench/container-lib.sh"
SCENARIO_ENGINES="cairn docker-on-cairn docker podman"
SCENARIO_UNIT=ms
SCENARIO_NOTE="exec: \`exec NAME true\` in a running \`sleep\` container of the busybox image"

exec_root() { echo "$BENCH_WORK/exec-$1"; }
exec_name() { echo "cairn-bench-exec-$$-$1"; }

scenario_prepare() {
  bb_up "$1" "$(exec_root "$1")" || return 1
  local cli; cli=$(engine_cmd "$1" "$(exec_root "$1")")
  # shellcheck disable=SC2046
  $cli run -d --name "$(exec_name "$1")" $(run_flags "$1") "$(bb_image "$1")" sleep 100000 >"$BENCH_WORK/exec.$1.log" 2>&1 \
    || { say "$1: the sleep container did not start: $(tail -3 "$BENCH_WORK/exec.$1.log")"; return 1; }
}

scenario_run() {
  local cli; cli=$(engine_cmd "$1" "$(exec_root "$1")")
  time_once $cli exec "$(exec_name "$1")" true
}

scenario_finish() {
  local cli; cli=$(engine_cmd "$1" "$(exec_root "$1")")
  $cli rm -f "$(exec_name "$1")" >/dev/null 2>&1
  if on_cairn "$1"; then
    local left; left=$(leftovers "$(exec_root "$1")")
    echo "exec: $1 leftovers after the runs: ${left:-none}" >>"$BENCH_WORK/notes.txt"
  fi
  bb_down "$1" "$(exec_root "$1")"
}
