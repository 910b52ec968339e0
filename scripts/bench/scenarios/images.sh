# images - `images` with the busybox image under 10 tags, whole process: cairn, the docker CLI on cairn, docker, podman.
# docker's and podman's stores are shared with whatever else this host holds, so their lists may be
# longer; the notes say how many lines each printed.
source "$BENCH_HOME/scripts/bench/container-lib.sh"
SCENARIO_ENGINES="cairn docker-on-cairn docker podman"
SCENARIO_UNIT=ms
SCENARIO_NOTE="images: \`images\` with the busybox image under 10 tags of ours"
IMAGES_TAGS=10

images_root() { echo "$BENCH_WORK/images-$1"; }

scenario_prepare() {
  bb_up "$1" "$(images_root "$1")" || return 1
  local cli i; cli=$(engine_cmd "$1" "$(images_root "$1")")
  for ((i = 1; i <= IMAGES_TAGS; i++)); do
    $cli tag "$(bb_image "$1")" "cairn-bench-images-$$:$i" >/dev/null 2>"$BENCH_WORK/images.$1.log" \
      || { say "$1: tag failed: $(tail -3 "$BENCH_WORK/images.$1.log")"; return 1; }
  done
}

scenario_run() {
  local cli; cli=$(engine_cmd "$1" "$(images_root "$1")")
  time_once $cli images
}

scenario_finish() {
  local cli i; cli=$(engine_cmd "$1" "$(images_root "$1")")
  echo "images: $1 listed $($cli images -q 2>/dev/null | wc -l) lines" >>"$BENCH_WORK/notes.txt"
  for ((i = 1; i <= IMAGES_TAGS; i++)); do $cli rmi "cairn-bench-images-$$:$i" >/dev/null 2>&1; done
  bb_down "$1" "$(images_root "$1")"
}
