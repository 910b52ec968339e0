# build-lib.sh - sourced by the build and build-cached scenarios: anchors/11-bench-build.sh's
# Dockerfile and context, and one build command per builder (bash; needs lib.sh, container-lib.sh).
#
# Builders (engines of the scenarios):
#   cairn           bin/cairn build on its own root (daemon started by PID, base image `bb` imported)
#   docker-buildkit DOCKER_BUILDKIT=1 with DOCKER_BK_CLI (default /usr/bin/docker, the docker.io 20.10
#                   CLI: the CLI 28 on PATH has no buildx plugin, anchors/README.md)
#   docker-legacy   DOCKER_BUILDKIT=0 with $DOCKER
#   podman          podman build with the anchors' global flags
# Every builder gets --network none (dockerd runs with --bridge=none: BuildKit RUN needs it) and
# builds the same bytes: 1000 x 4 KiB files from Python's Random(42), the Dockerfile of anchors/11 with
# only its FROM line naming the engine's copy of the busybox base (bb_image).
: "${DOCKER_BK_CLI:=/usr/bin/docker}"
BUILD_TAG=cairn-bench-build

# build_engine_base ENGINE: the engine whose daemon and base image the builder uses
build_engine_base() { case $1 in docker-*) echo docker ;; *) echo "$1" ;; esac; }

build_root() { echo "$BENCH_WORK/$1-cairn"; }   # $1: scenario name

# build_context ENGINE: makes (once) and prints the engine's context directory
build_context() {
  local ctx="$BENCH_WORK/build-ctx/$1"
  if [ ! -f "$ctx/Dockerfile" ]; then
    mkdir -p "$ctx/src"
    python3 - "$ctx/src" <<'PY' || return 1
import os, sys, random
r = random.Random(42)
for i in range(1000):
    with open(os.path.join(sys.argv[1], f"f{i}"), "wb") as f:
        f.write(r.randbytes(4096))
PY
    cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $(bb_image "$(build_engine_base "$1")")
ENV APP_HOME=/data
COPY src /src
RUN echo a > /a
RUN mkdir -p /data && cp -r /src /data/
RUN rm -rf /src/f1*
WORKDIR /data
CMD ["sh"]
DOCKERFILE
  fi
  echo "$ctx"
}

# build_cmd ENGINE ROOT: the build command line without its options after `build`
build_cmd() {
  case $1 in
    cairn) printf '%s --root %s build --network none' "$CAIRN" "$2" ;;
    docker-buildkit) printf 'env DOCKER_BUILDKIT=1 %s build --network none' "$DOCKER_BK_CLI" ;;
    docker-legacy) printf 'env DOCKER_BUILDKIT=0 %s build --network none' "$DOCKER" ;;
    podman) printf '%s build --network none' "$PODMAN" ;;
  esac
}

# build_up SCENARIO ENGINE: daemon and base image (once per engine: both docker builders share
# one dockerd), context, and one untimed build that must succeed and primes the cache
build_up() {
  local base; base=$(build_engine_base "$2")
  if [ "$base" = docker ] && [ -n "${BUILD_DOCKER_USERS:-}" ]; then
    BUILD_DOCKER_USERS="$BUILD_DOCKER_USERS $2"
  else
    bb_up "$base" "$(build_root "$1")" || return 1
    [ "$base" = docker ] && BUILD_DOCKER_USERS=$2
  fi
  local ctx; ctx=$(build_context "$2") || return 1
  # shellcheck disable=SC2046
  $(build_cmd "$2" "$(build_root "$1")") -t "$BUILD_TAG-$2" --iidfile "$BENCH_WORK/$1.$2.iid" "$ctx" \
    >"$BENCH_WORK/$1.$2.prime.log" 2>&1 || { say "$2 build failed: $(tail -5 "$BENCH_WORK/$1.$2.prime.log")"; return 1; }
  [ -s "$BENCH_WORK/$1.$2.iid" ] || { say "$2 build wrote no --iidfile"; return 1; }
  cat "$BENCH_WORK/$1.$2.iid" >>"$BENCH_WORK/$1.$2.ids"
  build_check "$1" "$2"
}

# build_check SCENARIO ENGINE: the built image holds what the Dockerfile says (once, untimed):
# WORKDIR /data, APP_HOME, 1000 files in /data/src, 1000 - 111 (f1, f10-f19, f100-f199) in /src, /a
build_check() {
  local out want="/data /data 889 1000 a"
  case $(build_engine_base "$2") in
    cairn) out=$("$CAIRN" --root "$(build_root "$1")" run --rm --network none "$BUILD_TAG-$2" sh -c 'echo $(pwd) $APP_HOME $(ls /src | wc -l) $(ls /data/src | wc -l) $(cat /a)' 2>&1) ;;
    docker) out=$($DOCKER run --rm --network none "$BUILD_TAG-$2" sh -c 'echo $(pwd) $APP_HOME $(ls /src | wc -l) $(ls /data/src | wc -l) $(cat /a)' 2>&1) ;;
    # shellcheck disable=SC2046
    podman) out=$($PODMAN run --rm $(podman_run_flags) "$BUILD_TAG-$2" sh -c 'echo $(pwd) $APP_HOME $(ls /src | wc -l) $(ls /data/src | wc -l) $(cat /a)' 2>&1) ;;
  esac
  [ "$out" = "$want" ] || { say "$2: the built image holds '$out', not '$want'"; return 1; }
}

# build_once SCENARIO ENGINE [--no-cache]: one timed build; prints seconds. Untimed after it: the
# image the previous run made is removed when this one replaced it (cold builds make a new image
# every time), so the stores do not grow run by run. A failed build is run once more, untimed,
# to keep its output (the timer keeps only stdout) in SCENARIO.ENGINE.failed.log.
build_once() {
  local root old new v
  root=$(build_root "$1")
  old=$(cat "$BENCH_WORK/$1.$2.iid" 2>/dev/null)
  # shellcheck disable=SC2046
  if ! v=$(time_once $(build_cmd "$2" "$root") ${3:-} -t "$BUILD_TAG-$2" --iidfile "$BENCH_WORK/$1.$2.iid" \
      "$(build_context "$2")"); then
    # shellcheck disable=SC2046
    $(build_cmd "$2" "$root") ${3:-} -t "$BUILD_TAG-$2" --iidfile "$BENCH_WORK/$1.$2.iid" "$(build_context "$2")" \
      >>"$BENCH_WORK/$1.$2.failed.log" 2>&1
    say "$2: the build failed; once more, untimed: exit $?, output in $BENCH_WORK/$1.$2.failed.log"
    return 1
  fi
  new=$(cat "$BENCH_WORK/$1.$2.iid")
  echo "$new" >>"$BENCH_WORK/$1.$2.ids"
  if [ -n "$old" ] && [ "$old" != "$new" ]; then
    build_rmi "$2" "$root" "$old" || return 1
  fi
  echo "$v"
}

# build_steps SCENARIO ENGINE [--no-cache]: one untimed build with plain progress; its step lines
# and times go to results/SCENARIO.ENGINE.steps
build_steps() {
  local root; root=$(build_root "$1")
  # shellcheck disable=SC2046
  $(build_cmd "$2" "$root") ${3:-} --progress plain -t "$BUILD_TAG-$2" --iidfile "$BENCH_WORK/$1.$2.iid" \
    "$(build_context "$2")" 2>&1 | grep -E '^#[0-9]+ (DONE|CACHED|\[)' >>"$BENCH_WORK/results/$1.$2.steps"
}

build_rmi() {
  case $(build_engine_base "$1") in
    cairn) "$CAIRN" --root "$2" rmi "$3" >/dev/null 2>&1 ;;
    docker) $DOCKER rmi "$3" >/dev/null 2>&1 ;;
    podman) $PODMAN rmi "$3" >/dev/null 2>&1 ;;
  esac || { say "$1: rmi $3 failed"; return 1; }
}

# build_down SCENARIO ENGINE: the tag and every image the builds made (docker and podman share
# their stores with other users: nothing else is removed, no prune); the daemon and base image
# when this is the last builder using them
build_down() {
  local base root id; base=$(build_engine_base "$2"); root=$(build_root "$1")
  if [ "$base" != cairn ]; then
    build_rmi "$2" "$root" "$BUILD_TAG-$2" 2>/dev/null
    [ -f "$BENCH_WORK/$1.$2.ids" ] && for id in $(sort -u "$BENCH_WORK/$1.$2.ids"); do build_rmi "$2" "$root" "$id" 2>/dev/null; done
  fi
  case $base in
    docker) BUILD_DOCKER_USERS=$(echo " ${BUILD_DOCKER_USERS:-} " | sed "s/ $2 / /; s/^ *//; s/ *$//")
            [ -z "$BUILD_DOCKER_USERS" ] && bb_down docker "$root" ;;
    podman) bb_down podman "$root" ;;
    cairn) bb_down cairn "$root" ;;
  esac
  return 0
}
