#!/usr/bin/env bash
# Cairn's main job on a fresh Debian 12 machine, as root: install what is missing, build Cairn, then
# build a Dockerfile into an image and run it (FROM a busybox base image imported from a tarball:
# no registry is needed), rebuild it from the cache; then the image -> container -> commit story (run
# a container, change a file in it, commit it as a new image, run that image) and the journal that
# recorded it all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
bin/cairn-setup
export CAIRN_ROOT=${CAIRN_ROOT:-/var/lib/cairn}
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run scripts/make-busybox-rootfs.sh "$work/busybox.tar"
run bin/cairn import "$work/busybox.tar" busybox -c 'CMD ["/bin/sh"]' -m "busybox base image"
run bin/cairn images

mkdir -p "$work/app/src"
echo "hello from a Dockerfile" > "$work/app/src/greeting.txt"
cat > "$work/app/Dockerfile" <<'DOCKERFILE'
FROM busybox
ARG WHO=cairn
WORKDIR /app
COPY src/ ./
RUN echo "built by $WHO" > built.txt && ls -l
CMD ["sh", "-c", "cat greeting.txt built.txt"]
DOCKERFILE
run cat "$work/app/Dockerfile"
run bin/cairn build --progress plain -t hello:1 "$work/app"
run bin/cairn run --rm hello:1
say "bin/cairn build --progress plain -t hello:1 $work/app   # again: every step CACHED"
bin/cairn build --progress plain -t hello:1 "$work/app"
run bin/cairn history hello:1
run bin/cairn run --rm busybox sh -c 'echo "hello from $(hostname)"; grep CapEff /proc/self/status'
bin/cairn rm -f demo >/dev/null 2>&1 || true
run bin/cairn run --name demo busybox sh -c 'echo "changed in a container" > /etc/motd; rm /etc/group'
run bin/cairn diff demo
run bin/cairn commit -m "motd added, group removed" -c 'CMD ["cat", "/etc/motd"]' demo busybox:changed
run bin/cairn run --rm busybox:changed
run bin/cairn run --rm busybox sh -c 'test -e /etc/motd || echo "the parent image is unchanged"'
run bin/cairn history busybox:changed
run bin/cairn rm demo
run bin/cairn events --since 10m --until 0s --filter type=builder --filter event=complete
run bin/cairn events --since 10m --until 0s --filter type=container
run bin/cairn journal verify
run bin/cairn system check
