# commit - `commit` of an exited container whose writable layer holds 1000 new 10 KiB files (random), as anchors/12.
# Before every timed run, untimed: a fresh container of the base image writes the files (so no
# run can reuse an identical layer). Timed: `commit CONTAINER` (whole process). After it, untimed:
# the container and the new image are removed. Each engine's layer size is recorded once (notes).
source "$BENCH_HOME/scripts/bench/container-lib.sh"
SCENARIO_ENGINES="cairn docker podman"
SCENARIO_UNIT=ms
SCENARIO_NOTE="commit: container wrote 1000 x 10 KiB from /dev/urandom (anchors/12's writer), made untimed before each run"
COMMIT_SEQ=0
COMMIT_WRITER='mkdir /w && i=0 && while [ $i -lt 1000 ]; do dd if=/dev/urandom of=/w/f$i bs=10240 count=1 2>/dev/null; i=$((i+1)); done && du -sk /w'

commit_root() { echo "$BENCH_WORK/commit-$1"; }

scenario_prepare() {
  bb_up "$1" "$(commit_root "$1")"
}

scenario_run() {
  local cli name v image
  cli=$(engine_cmd "$1" "$(commit_root "$1")")
  # the writer container, untimed; one that fails to start (cairn: the conmon sync race, see
  # api-run.sh) is removed, counted in results/commit.ENGINE.failures and tried once more
  local try
  for try in 1 2; do
    COMMIT_SEQ=$((COMMIT_SEQ + 1)); name="cairn-bench-commit-$$-$COMMIT_SEQ"
    # shellcheck disable=SC2046
    $cli run --name "$name" $(run_flags "$1") "$(bb_image "$1")" sh -c "$COMMIT_WRITER" >"$BENCH_WORK/writer.$1.out" 2>&1 && break
    echo "$(date -u +%T) $(head -1 "$BENCH_WORK/writer.$1.out")" >>"$BENCH_WORK/results/commit.$1.failures"
    $cli rm -f "$name" >/dev/null 2>&1
    [ $try = 2 ] && { say "commit $1: writer failed: $(tail -3 "$BENCH_WORK/writer.$1.out")"; return 1; }
  done
  [ -f "$BENCH_WORK/writer.$1.kib" ] || { echo "commit: $1 container wrote $(tail -1 "$BENCH_WORK/writer.$1.out")" >>"$BENCH_WORK/notes.txt"; touch "$BENCH_WORK/writer.$1.kib"; }
  v=$(time_once $cli commit "$name") || return 1
  image=$(tail -1 "$BENCH_WORK/last.out")
  $cli rm "$name" >/dev/null 2>&1 || { say "commit $1: rm $name failed"; return 1; }
  $cli rmi "$image" >/dev/null 2>&1 || { say "commit $1: rmi $image failed"; return 1; }
  echo "$v"
}

scenario_finish() {
  [ -s "$BENCH_WORK/results/commit.$1.failures" ] && echo "commit: $1 writer containers that failed to start (retried): $(wc -l <"$BENCH_WORK/results/commit.$1.failures")" >>"$BENCH_WORK/notes.txt"
  if [ "$1" = cairn ]; then
    local left; left=$(leftovers "$(commit_root cairn)")
    echo "commit: cairn leftovers after the runs: ${left:-none}" >>"$BENCH_WORK/notes.txt"
  fi
  bb_down "$1" "$(commit_root "$1")"
}
