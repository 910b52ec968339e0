# run-bridge - `run --rm bb true` on the default bridge network: scenario run's pair with a network.
# The difference to scenario run (--network none) is the network set-up's cost: for cairn the
# journaled allocation, a namespace file, netavark setup and teardown; for podman the same netavark.
# Nothing leaves the host: `true` sends no traffic. After the runs, cairn's root is checked for
# network namespaces left behind and the host for veths on the bridge (notes).
# docker: the anchors run dockerd with --bridge=none; this scenario starts its own with the default
# bridge (docker0) but --iptables=false, so that it never rewrites the host's firewall under the
# other engines (cairn and podman add their netavark rules): docker's figure lacks the NAT rules'
# cost. Its docker0 is deleted after the runs if this scenario made it.
source "$BENCH_HOME/scripts/bench/container-lib.sh"
SCENARIO_ENGINES="cairn docker podman"
SCENARIO_UNIT=ms
SCENARIO_NOTE="run-bridge: \`run --rm --network bridge IMAGE true\` (scenario run is the --network none pair)"

bridge_root() { echo "$BENCH_WORK/run-bridge-$1"; }

bridge_flags() {
  case $1 in
    cairn|docker) printf -- '--network bridge' ;;
    podman) podman_run_flags | sed 's/--network none/--network bridge/' ;;
  esac
}

scenario_prepare() {
  if [ "$1" = docker ]; then
    # a dockerd already running elsewhere has its own flags: measure only one this scenario starts
    $DOCKER info >/dev/null 2>&1 && { say "run-bridge: a dockerd runs already; docker skipped"; return 1; }
    ip link show docker0 >/dev/null 2>&1 || BRIDGE_DOCKER0_OURS=yes
    export DOCKERD_FLAGS="--iptables=false --storage-driver=overlay2"
    bb_up docker "$(bridge_root docker)"; local rc=$?
    unset DOCKERD_FLAGS
    return $rc
  fi
  bb_up "$1" "$(bridge_root "$1")"
}

scenario_run() {
  local cli; cli=$(engine_cmd "$1" "$(bridge_root "$1")")
  # podman on the same stack as cairn's (this host's podman defaults to CNI, whose plugins are absent)
  [ "$1" = podman ] && cli="$cli --network-backend netavark"
  # shellcheck disable=SC2046
  time_once $cli run --rm $(bridge_flags "$1") "$(bb_image "$1")" true
}

scenario_finish() {
  if [ "$1" = cairn ]; then
    local ns; ns=$(ls "$(bridge_root cairn)/netns" 2>/dev/null | wc -l)
    echo "run-bridge: cairn network namespaces left after the runs: $ns" >>"$BENCH_WORK/notes.txt"
  fi
  bb_down "$1" "$(bridge_root "$1")"
  if [ "$1" = docker ] && [ "${BRIDGE_DOCKER0_OURS:-no}" = yes ]; then ip link del docker0 2>/dev/null; fi
  return 0
}
