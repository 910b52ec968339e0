# api-run - create + start + wait of `bb true` through the daemon's HTTP API alone (one curl process) vs raw `runc run`.
# One curl process sends the three requests on one connection (docker's API: POST
# /containers/create?name=N, /containers/N/start, /containers/N/wait), so no client JVM or CLI is
# timed; the container is removed after the sample, untimed. curl's per-request times (create,
# start, wait in ms) go to results/api-run.ENGINE.phases. runc: `runc run -b BUNDLE ID` of the
# same rootfs, one process as well. cairn, docker over their sockets; podman has no daemon here.
source "$BENCH_HOME/scripts/bench/container-lib.sh"
SCENARIO_ENGINES="cairn docker runc"
SCENARIO_UNIT=ms
SCENARIO_NOTE="api-run: one curl: create + start + wait (no --rm; DELETE untimed after each); per-request ms in results/api-run.*.phases"
API_SEQ=0

api_root() { echo "$BENCH_WORK/api-$1"; }

api_socket() {
  case $1 in
    cairn) echo "$(api_root cairn)/cairn.sock" ;;
    docker) echo /var/run/docker.sock ;;
  esac
}

scenario_prepare() {
  bb_up "$1" "$(api_root "$1")" || return 1
  printf 'create_ms start_ms wait_ms\n' >"$BENCH_WORK/results/api-run.$1.phases"
}

scenario_run() {
  if [ "$1" = runc ]; then API_SEQ=$((API_SEQ + 1)); time_once runc run -b "$(api_root runc)" "cairn-bench-$$-$API_SEQ"; return; fi
  # a failed create or start (cairn: "conmon exited without a word", docs/BENCHMARKS.md) is counted
  # in results/api-run.ENGINE.failures and retried once under a new name; a second failure fails the run
  api_once "$1" && return
  echo "$(date -u +%T) $(tail -c 300 "$BENCH_WORK/last.out" | tr '\n' ' ')" >>"$BENCH_WORK/results/api-run.$1.failures"
  api_once "$1"
}

# api_once ENGINE: one sample; the container is deleted (untimed) whether or not it started
api_once() {
  API_SEQ=$((API_SEQ + 1))
  local sock name v body
  sock=$(api_socket "$1"); name="cairn-bench-$$-$API_SEQ"
  body='{"Image":"'"$(bb_image "$1")"'","Cmd":["true"],"HostConfig":{"NetworkMode":"none"}}'
  # --fail-early: a failed create or start fails the sample (curl reports the last transfer otherwise)
  v=$(time_once curl --fail-early -sS -f --unix-socket "$sock" -w '%{time_total}\n' -o /dev/null \
        -H 'Content-Type: application/json' -d "$body" "http://x/containers/create?name=$name" \
        --next -sS -f --unix-socket "$sock" -w '%{time_total}\n' -o /dev/null -X POST "http://x/containers/$name/start" \
        --next -sS -f --unix-socket "$sock" -w '%{time_total}\n' -X POST "http://x/containers/$name/wait")
  local rc=$?
  [ $rc = 0 ] && ! grep -q '"StatusCode":0' "$BENCH_WORK/last.out" && { say "api-run $1: wait answered $(cat "$BENCH_WORK/last.out")"; rc=1; }
  curl -sS --unix-socket "$sock" -o /dev/null -X DELETE "http://x/containers/$name?force=1" 2>/dev/null
  [ $rc = 0 ] || return 1
  # last.out: three -w lines, the wait's JSON body before the third
  sed 's/.*}//' "$BENCH_WORK/last.out" | awk 'NF { printf "%.1f ", $1 * 1000 } END { print "" }' \
    >>"$BENCH_WORK/results/api-run.$1.phases"
  echo "$v"
}

scenario_finish() {
  [ -s "$BENCH_WORK/results/api-run.$1.failures" ] && echo "api-run: $1 failed create/start (retried): $(wc -l <"$BENCH_WORK/results/api-run.$1.failures")" >>"$BENCH_WORK/notes.txt"
  if [ "$1" = cairn ]; then
    local left; left=$(leftovers "$(api_root cairn)")
    echo "api-run: cairn leftovers after the runs: ${left:-none}" >>"$BENCH_WORK/notes.txt"
  fi
  bb_down "$1" "$(api_root "$1")"
}
