# load - cold `load -i` of the 10 MB / 2-layer test image (make-image.sh), the same docker-archive for every engine.
# Cold as in anchors/13: before every run (untimed) the image is removed, and with it both of its
# layers, so each load stores and unpacks both. prepare loads it once and checks that the engine
# reports the archive's config digest as the image ID.
source "$BENCH_HOME/scripts/bench/image-lib.sh"
SCENARIO_ENGINES="cairn docker podman"
SCENARIO_UNIT=ms
SCENARIO_NOTE="load: $BENCH_IMAGE from one docker-archive ($(basename "$BENCH_IMAGE_TAR")), removed (untimed) before every run; IDs checked equal"

scenario_prepare() {
  image_archive && engine_up "$1" "$BENCH_WORK/load-root" || return 1
  image_remove "$1" "$BENCH_WORK/load-root"
  image_load_checked "$1" "$BENCH_WORK/load-root" || return 1
  echo "load: $1 image ID $(image_id "$1" "$BENCH_WORK/load-root")" >>"$BENCH_WORK/notes.txt"
}

scenario_run() {
  image_remove "$1" "$BENCH_WORK/load-root"
  if [ -n "$(image_id "$1" "$BENCH_WORK/load-root")" ]; then say "$1: $BENCH_IMAGE still present after rmi"; return 1; fi
  # shellcheck disable=SC2046
  time_once $(engine_cli "$1" "$BENCH_WORK/load-root") load -i "$BENCH_IMAGE_TAR"
}

scenario_finish() {
  image_remove "$1" "$BENCH_WORK/load-root"
  engine_down "$1" "$BENCH_WORK/load-root"
}
