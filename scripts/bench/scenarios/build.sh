# build - cold `build --no-cache` of anchors/11's Dockerfile (FROM busybox, COPY 1000 x 4 KiB, 3 RUN, ENV/WORKDIR/CMD).
# Builders: cairn, docker BuildKit (20.10 CLI), docker legacy, podman, all with --network none
# (build-lib.sh). Untimed before the runs: daemon, base image, one build whose image is checked.
# Timed: the whole `build --no-cache -t TAG --iidfile F CTX` process. After each run, untimed: the
# image the previous run left is removed. After the runs, one more cairn build with --progress plain,
# untimed, leaves cairn's per-step times in results/build.cairn.steps.
source "$BENCH_HOME/scripts/bench/container-lib.sh"
source "$BENCH_HOME/scripts/bench/build-lib.sh"
SCENARIO_ENGINES="cairn docker-buildkit docker-legacy podman"
SCENARIO_UNIT=ms
SCENARIO_NOTE="build: cold (--no-cache), 1000 x 4 KiB COPY + 3 RUN; each builder's image checked once (WORKDIR, ENV, file counts)"

scenario_prepare() { build_up build "$1"; }

scenario_run() { build_once build "$1" --no-cache; }

scenario_finish() {
  # where a warm daemon's cold build goes, step by step (untimed; the progress is on stderr, which
  # the timer does not keep)
  [ "$1" = cairn ] && [ -s "$BENCH_WORK/build.cairn.iid" ] && build_steps build cairn --no-cache
  build_down build "$1"
}
