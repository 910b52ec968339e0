# run - `run --rm bb true` as a whole process from the shell (client, create, start, wait, remove) vs raw `runc run`.
# One base image from one tarball (make-busybox-rootfs.sh) imported into each engine, --network none
# everywhere (podman with the anchors' --ulimit flags); raw runc runs a bundle of the same rootfs
# (runc spec, args `true`) under a new ID each time. docker-on-cairn is the stock docker CLI on a
# cairn daemon's socket (the engine without the JVM client). After the runs, cairn's root is checked for
# containers, mounts and conmon/runc processes left behind (notes).
source "$BENCH_HOME/scripts/bench/container-lib.sh"
SCENARIO_ENGINES="cairn docker-on-cairn docker podman runc"
SCENARIO_UNIT=ms
SCENARIO_NOTE="run: \`run --rm --network none IMAGE true\`; runc: \`runc run -b BUNDLE ID\` of the same rootfs"
RUN_SEQ=0

run_root() { echo "$BENCH_WORK/run-$1"; }

scenario_prepare() {
  bb_up "$1" "$(run_root "$1")"
}

scenario_run() {
  local cli
  RUN_SEQ=$((RUN_SEQ + 1))
  case $1 in
    runc) time_once runc run -b "$(run_root runc)" "cairn-bench-$$-$RUN_SEQ" ;;
    *) cli=$(engine_cmd "$1" "$(run_root "$1")")
       # a failed run is counted in results/run.ENGINE.failures and retried once (see api-run.sh)
       # shellcheck disable=SC2046
       time_once $cli run --rm $(run_flags "$1") "$(bb_image "$1")" true && return
       echo "$(date -u +%T) $(tail -c 300 "$BENCH_WORK/last.out" | tr '\n' ' ')" >>"$BENCH_WORK/results/run.$1.failures"
       # shellcheck disable=SC2046
       time_once $cli run --rm $(run_flags "$1") "$(bb_image "$1")" true ;;
  esac
}

scenario_finish() {
  [ -s "$BENCH_WORK/results/run.$1.failures" ] && echo "run: $1 failed runs (retried): $(wc -l <"$BENCH_WORK/results/run.$1.failures")" >>"$BENCH_WORK/notes.txt"
  if on_cairn "$1"; then
    local left; left=$(leftovers "$(run_root "$1")")
    echo "run: $1 leftovers after the runs: ${left:-none}" >>"$BENCH_WORK/notes.txt"
  fi
  bb_down "$1" "$(run_root "$1")"
}
