#!/bin/bash
# compare.sh - side-by-side harness: runs each scenario with cairn and with the anchors installed
# here (docker, podman, raw runc), alternating engines run by run, and prints medians and
# cairn/anchor ratios from this one run.
#
# usage: scripts/bench/compare.sh [-n RUNS] [-w WARMUP] [-e "cairn docker ..."] [-o DIR] SCENARIO...
#        scripts/bench/compare.sh -l            # list scenarios
#   -n  timed runs per engine (default 10; a scenario may set its own default, e.g. idle-rss 3)
#   -w  untimed warm-up rounds (default 1)
#   -e  engines to try (default: every engine the scenario knows)
#   -o  scratch/results directory (default: mktemp -d); raw samples in DIR/results/
# Timer: hyperfine -N (one run per call, so engines alternate) if installed, else /usr/bin/time.
# Environment: see lib.sh (CAIRN, DOCKER, PODMAN, ANCHORS, BENCH_TIMER).
#
# A scenario is scenarios/NAME.sh defining SCENARIO_ENGINES, SCENARIO_UNIT (ms: wall time of one
# command; MiB: a measured size) and the functions scenario_prepare ENGINE (once, before the runs;
# non-zero skips the engine), scenario_run ENGINE (one sample on stdout: seconds for ms, KiB for
# MiB) and scenario_finish ENGINE (after the runs, also on failure). Optional SCENARIO_RUNS is its
# default -n, SCENARIO_NOTE a line printed with its results.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

runs=; warmup=1; engines=; out=
while getopts "n:w:e:o:lh" opt; do
  case $opt in
    n) runs=$OPTARG ;; w) warmup=$OPTARG ;; e) engines=$OPTARG ;; o) out=$OPTARG ;;
    l) for f in "$here"/scenarios/*.sh; do printf '%-10s %s\n' "$(basename "$f" .sh)" "$(sed -n '1s/^# [^ ]* - //p' "$f")"; done; exit 0 ;;
    *) sed -n '2,20p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { sed -n '2,20p' "$0"; exit 2; }
for s in "$@"; do [ -f "$here/scenarios/$s.sh" ] || { say "no scenario $s (scripts/bench/compare.sh -l)"; exit 2; }; done

BENCH_WORK=${out:-$(mktemp -d "${TMPDIR:-/tmp}/cairn-compare.XXXXXX")}
mkdir -p "$BENCH_WORK/results"
export BENCH_WORK
summary="$BENCH_WORK/summary.md"
{
  echo "run: $(date -u +%FT%TZ)  host: $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
  echo "timer: $BENCH_TIMER  load average at start: $(cut -d' ' -f1-3 /proc/loadavg)  scratch: $BENCH_WORK"
  echo
  echo "| scenario | engine | n | median | min | max | cairn / engine |"
  echo "|---|---|---|---|---|---|---|"
} >"$summary"

# run_scenario NAME: in a subshell, so that scenarios cannot clash with each other
run_scenario() (
  local name=$1 e i v
  SCENARIO_RUNS=; SCENARIO_NOTE=
  source "$here/scenarios/$name.sh"
  local n=${runs:-${SCENARIO_RUNS:-10}}
  local want=${engines:-$SCENARIO_ENGINES} ready=()
  for e in $want; do
    case " $SCENARIO_ENGINES " in *" $e "*) ;; *) say "[$name] $e: not part of this scenario, skipped"; continue ;; esac
    local why
    if ! why=$(engine_available "$e" 2>&1); then say "[$name] skipped: $why"; echo "$name: $e skipped: $why" >>"$BENCH_WORK/notes.txt"; continue; fi
    if scenario_prepare "$e"; then ready+=("$e"); else say "[$name] $e: prepare failed, skipped"; scenario_finish "$e"; fi
  done
  trap 'for e in "${ready[@]}"; do scenario_finish "$e"; done' EXIT
  [ ${#ready[@]} -gt 0 ] || { say "[$name] no engine available"; exit 0; }
  say "[$name] engines: ${ready[*]}; $warmup warm-up round(s), $n runs each, alternating"
  for ((i = 0; i < warmup; i++)); do for e in "${ready[@]}"; do scenario_run "$e" >/dev/null || exit 1; done; done
  for e in "${ready[@]}"; do : >"$BENCH_WORK/results/$name.$e.txt"; done
  for ((i = 1; i <= n; i++)); do
    for e in "${ready[@]}"; do
      v=$(scenario_run "$e") || { say "[$name] $e: run $i failed"; exit 1; }
      echo "$v" >>"$BENCH_WORK/results/$name.$e.txt"
    done
  done
  local scale=1000 # seconds -> ms
  if [ "$SCENARIO_UNIT" = MiB ]; then scale=0.0009765625; fi # KiB -> MiB
  local cairn_med=
  [ -s "$BENCH_WORK/results/$name.cairn.txt" ] && cairn_med=$(median "$BENCH_WORK/results/$name.cairn.txt")
  for e in "${ready[@]}"; do
    local f="$BENCH_WORK/results/$name.$e.txt" med ratio=
    med=$(median "$f")
    if [ -n "$cairn_med" ] && [ "$e" != cairn ]; then ratio=$(awk -v a="$cairn_med" -v b="$med" 'BEGIN { printf "%.2f", a / b }'); fi
    awk -v s="$scale" -v u="$SCENARIO_UNIT" -v name="$name" -v e="$e" -v n="$(wc -l <"$f")" \
        -v med="$med" -v lo="$(minimum "$f")" -v hi="$(maximum "$f")" -v r="$ratio" \
        'BEGIN { printf "| %s | %s | %d | %.1f %s | %.1f | %.1f | %s |\n", name, e, n, med * s, u, lo * s, hi * s, r }' >>"$summary"
  done
  # the stock docker CLI against both daemons: the engines compared without the JVM client
  if [ -s "$BENCH_WORK/results/$name.docker-on-cairn.txt" ] && [ -s "$BENCH_WORK/results/$name.docker.txt" ]; then
    awk -v a="$(median "$BENCH_WORK/results/$name.docker-on-cairn.txt")" -v b="$(median "$BENCH_WORK/results/$name.docker.txt")" -v name="$name" \
      'BEGIN { printf "%s: docker CLI on cairn / on dockerd (medians) = %.2f\n", name, a / b }' >>"$BENCH_WORK/notes.txt"
  fi
  [ -n "$SCENARIO_NOTE" ] && echo "$SCENARIO_NOTE" >>"$BENCH_WORK/notes.txt"
  exit 0
)

status=0
for s in "$@"; do run_scenario "$s" || status=1; done
[ -f "$BENCH_WORK/notes.txt" ] && { echo; sed 's/^/note: /' "$BENCH_WORK/notes.txt"; } >>"$summary"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$summary"
cat "$summary"
exit $status
