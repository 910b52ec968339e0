# save - `save -o FILE` of the 10 MB / 2-layer test image, loaded from the same docker-archive into every engine.
# Each engine writes its own format: cairn an OCI layout + manifest.json, docker a docker-archive,
# podman an oci-archive (as anchors/13). The output file is deleted (untimed) after every run.
source "$BENCH_HOME/scripts/bench/image-lib.sh"
SCENARIO_ENGINES="cairn docker podman"
SCENARIO_UNIT=ms
SCENARIO_NOTE="save: $BENCH_IMAGE, IDs checked equal; podman --format oci-archive; output deleted after each run"

scenario_prepare() {
  image_archive && engine_up "$1" "$BENCH_WORK/save-root" || return 1
  image_remove "$1" "$BENCH_WORK/save-root"
  image_load_checked "$1" "$BENCH_WORK/save-root"
}

scenario_run() {
  local out="$BENCH_WORK/saved.$1.tar" cli v
  cli=$(engine_cli "$1" "$BENCH_WORK/save-root")
  rm -f "$out"
  case $1 in
    podman) v=$(time_once $cli save --format oci-archive -o "$out" "$BENCH_IMAGE") ;;
    *) v=$(time_once $cli save -o "$out" "$BENCH_IMAGE") ;;
  esac || return 1
  [ -s "$out" ] || { say "$1 save wrote no $out"; return 1; }
  echo "save: $1 wrote $(stat -c %s "$out") bytes" >"$BENCH_WORK/save-size.$1.txt"
  rm -f "$out"
  echo "$v"
}

scenario_finish() {
  [ -f "$BENCH_WORK/save-size.$1.txt" ] && cat "$BENCH_WORK/save-size.$1.txt" >>"$BENCH_WORK/notes.txt"
  image_remove "$1" "$BENCH_WORK/save-root"
  engine_down "$1" "$BENCH_WORK/save-root"
}
