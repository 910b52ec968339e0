# image-lib.sh - sourced by the load and save scenarios: the shared test image (make-image.sh) and
# per-engine image commands (bash; needs lib.sh). Every engine reads the same docker-archive.
#   BENCH_IMAGE_TAR  the archive (default: $BENCH_WORK/img10m.tar, made on first use)
BENCH_IMAGE=cairn-bench/img10m:latest
: "${BENCH_IMAGE_TAR:=$BENCH_WORK/img10m.tar}"

# image_archive: makes BENCH_IMAGE_TAR once per run; its ID (sha256:<config digest>) goes to
# $BENCH_IMAGE_TAR.id
image_archive() {
  [ -s "$BENCH_IMAGE_TAR" ] && [ -s "$BENCH_IMAGE_TAR.id" ] && return 0
  "$BENCH_HOME/scripts/bench/make-image.sh" "$BENCH_IMAGE_TAR" "$BENCH_IMAGE" >"$BENCH_IMAGE_TAR.id" 2>"$BENCH_WORK/make-image.log" \
    || { say "make-image.sh failed: $(tail -3 "$BENCH_WORK/make-image.log")"; return 1; }
}

# engine_cli ENGINE ROOT: the command line of ENGINE's client (ROOT: cairn's root)
engine_cli() {
  case $1 in
    cairn) printf '%s --root %s' "$CAIRN" "$2" ;;
    docker) printf '%s' "$DOCKER" ;;
    podman) printf '%s' "$PODMAN" ;;
  esac
}

# image_id ENGINE ROOT: the loaded image's ID as sha256:<hex>, empty when absent
image_id() {
  local cli; cli=$(engine_cli "$1" "$2")
  case $1 in
    # not `image inspect NAME`: cairn's client sends the name's '/' as %2F, which Jetty refuses
    # (400 "Ambiguous URI path separator"); the table has the repository, tag and full ID
    cairn) $cli images --no-trunc 2>/dev/null | awk -v r="${BENCH_IMAGE%:*}" -v t="${BENCH_IMAGE##*:}" '$1 == r && $2 == t { print $3 }' ;;
    docker) $cli image inspect -f '{{.Id}}' "$BENCH_IMAGE" 2>/dev/null ;;
    podman) $cli image inspect -f '{{.Id}}' "$BENCH_IMAGE" 2>/dev/null | sed 's/^\([0-9a-f]\)/sha256:\1/' ;;
  esac
}

# image_remove ENGINE ROOT: removes the test image (and so its layers); absent is fine
image_remove() {
  local cli ref=$BENCH_IMAGE; cli=$(engine_cli "$1" "$2")
  # cairn: by ID, since `cairn rmi REPO/NAME:TAG` fails the same way as image inspect
  if [ "$1" = cairn ]; then ref=$(image_id cairn "$2"); [ -n "$ref" ] || return 0; fi
  $cli rmi "$ref" >>"$BENCH_WORK/rmi.$1.log" 2>&1 || true
}

# image_load_checked ENGINE ROOT: loads the archive and checks that the engine reports the ID the
# archive's config digest gives (the same content in every engine)
image_load_checked() {
  local cli want got; cli=$(engine_cli "$1" "$2")
  want=$(cat "$BENCH_IMAGE_TAR.id")
  $cli load -i "$BENCH_IMAGE_TAR" >"$BENCH_WORK/load.$1.log" 2>&1 || { say "$1 load failed: $(tail -3 "$BENCH_WORK/load.$1.log")"; return 1; }
  got=$(image_id "$1" "$2")
  [ "$got" = "$want" ] || { say "$1 loaded $BENCH_IMAGE as '$got', expected $want"; return 1; }
}

# engine_up ENGINE ROOT / engine_down ENGINE ROOT: the daemon the engine needs (podman: none)
engine_up() {
  case $1 in
    cairn) cairn_start "$2" ;;
    docker) docker_start ;;
    podman) $PODMAN images >/dev/null 2>&1 || { say "podman images fails: $($PODMAN images 2>&1 | tail -2)"; return 1; } ;;
  esac
}

engine_down() {
  case $1 in
    cairn) cairn_stop "$2" ;;
    docker) docker_stop ;;
  esac
}
