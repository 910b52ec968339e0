# api-rate - runs per second through the HTTP API: 50 runs one after another (api-rate8: 8 clients at once, 6 runs each).
# A run is create + start + wait + DELETE of `bb true` (--network none), one curl process per run
# (scripts/bench/api-calls.sh runs). A sample is the wall time of one batch: API_RATE_CLIENTS
# clients each doing API_RATE_EACH runs one after another; the notes turn the median into runs/s.
# cairn and dockerd over their sockets; podman has no daemon here.
source "$BENCH_HOME/scripts/bench/container-lib.sh"
SCENARIO_ENGINES="cairn docker"
SCENARIO_UNIT=ms
SCENARIO_RUNS=5
: "${API_RATE_CLIENTS:=1}"
: "${API_RATE_EACH:=50}"
SCENARIO_NOTE="$name: $API_RATE_CLIENTS client(s) x $API_RATE_EACH runs of create + start + wait + DELETE over the API"
API_RATE_SEQ=0

rate_root() { echo "$BENCH_WORK/$name-$1"; }
rate_socket() { if [ "$1" = cairn ]; then echo "$(rate_root cairn)/cairn.sock"; else echo /var/run/docker.sock; fi; }

scenario_prepare() {
  bb_up "$1" "$(rate_root "$1")"
}

scenario_run() {
  API_RATE_SEQ=$((API_RATE_SEQ + 1))
  time_once "$BENCH_HOME/scripts/bench/api-calls.sh" runs "$(rate_socket "$1")" "$(bb_image "$1")" "$API_RATE_EACH" \
    "cairn-bench-rate-$$-$API_RATE_SEQ" "$API_RATE_CLIENTS"
}

scenario_finish() {
  local f="$BENCH_WORK/results/$name.$1.txt"
  # $name: compare.sh's scenario name (api-rate or api-rate8)
  [ -s "$f" ] && awk -v m="$(median "$f")" -v n=$((API_RATE_CLIENTS * API_RATE_EACH)) -v e="$1" -v c="$API_RATE_CLIENTS" -v s="$name" \
    'BEGIN { printf "%s: %s, %d client(s): %.1f runs/s (median batch of %d runs: %.0f ms)\n", s, e, c, n / m, n, m * 1000 }' >>"$BENCH_WORK/notes.txt"
  if [ "$1" = cairn ]; then
    local left; left=$(leftovers "$(rate_root cairn)")
    echo "$name: cairn leftovers after the runs: ${left:-none}" >>"$BENCH_WORK/notes.txt"
  fi
  bb_down "$1" "$(rate_root "$1")"
}
