# rebuild - `cairn journal rebuild` through the CLI on a root whose journal holds REBUILD_ENTRIES (default 1,000,000) entries.
# The root is written once by io.cairn.bench.rebuild.RebuildRoot (volume create/remove pairs, index
# caught up, so the daemon starts without a long replay); every run replays the whole journal into
# a new index, digests both and swaps the new one in. Sample: whole-process wall time of the command
# (client start included); the daemon's own replay time and rate are in results/rebuild.cairn.log.
# Needs the bench module built (scripts/bench/jmh.sh builds it). cairn only: docker has no journal.
SCENARIO_ENGINES="cairn"
SCENARIO_UNIT=ms
SCENARIO_RUNS=5
: "${REBUILD_ENTRIES:=1000000}"
SCENARIO_NOTE="rebuild: $REBUILD_ENTRIES journal entries; daemon-side seconds and entries/s per run in results/rebuild.cairn.log"
REBUILD_SEQ=0

scenario_prepare() {
  local root="$BENCH_WORK/rebuild-root" jar="$BENCH_HOME/bench/target/cairn-bench-0.1.0-SNAPSHOT.jar"
  [ -f "$jar" ] && [ -f "$BENCH_HOME/bench/target/classpath.txt" ] \
    || { say "rebuild: $jar is not built (mvn -B -q -DskipTests package -pl bench -am)"; return 1; }
  if [ ! -d "$root/journal" ]; then
    # shellcheck disable=SC2046
    java $(cat "$BENCH_HOME/engine/target/jvm-flags.txt") -cp "$jar:$(cat "$BENCH_HOME/bench/target/classpath.txt")" \
      io.cairn.bench.rebuild.RebuildRoot "$root" "$REBUILD_ENTRIES" >"$BENCH_WORK/rebuild-root.log" 2>&1 \
      || { say "RebuildRoot failed: $(tail -3 "$BENCH_WORK/rebuild-root.log")"; return 1; }
    grep '^wrote' "$BENCH_WORK/rebuild-root.log" | sed 's/^/rebuild: fixture /' >>"$BENCH_WORK/notes.txt"
  fi
  cairn_start "$root"
}

scenario_run() {
  local v
  v=$(time_once "$CAIRN" --root "$BENCH_WORK/rebuild-root" journal rebuild) || return 1
  # the command's own report: before/after digests and "replayed N entries in S s (R entries/s)"
  grep -q '^replayed' "$BENCH_WORK/last.out" || { say "rebuild: no report in $(tail -3 "$BENCH_WORK/last.out")"; return 1; }
  # compare.sh's warm-up rounds (its $warmup, visible here) come first; their lines are marked
  REBUILD_SEQ=$((REBUILD_SEQ + 1))
  local tag=run; [ "$REBUILD_SEQ" -le "${warmup:-0}" ] && tag=warm-up
  echo "$tag: wall $v s: $(grep '^replayed' "$BENCH_WORK/last.out")" >>"$BENCH_WORK/results/rebuild.cairn.log"
  echo "$v"
}

scenario_finish() {
  cairn_stop "$BENCH_WORK/rebuild-root"
}
