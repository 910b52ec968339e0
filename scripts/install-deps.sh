#!/usr/bin/env bash
# Installs the Debian packages Cairn and its tests need (as root). Idempotent: installs only what is
# missing. runc and conmon run containers (and their integration tests); util-linux gives mount(8),
# which the overlay mount helper uses on kernels without the new mount API; containers-common has
# the default seccomp profile.
#
# The image interop tests (it/src/test/java/io/cairn/it/image, docs/INTEROP.md) need podman,
# skopeo and umoci, with runc as podman's runtime (crun, which podman pulls in first, fails on this
# host's hybrid cgroups) and netavark named so podman's network backend is the same everywhere
# (the tests run with --network none).
#
# apparmor gives apparmor_parser: the daemon loads its cairn-default profile with it where the kernel
# has AppArmor, and a unit test compiles the generated profile with it everywhere. curl drives the
# API over the unix socket in the concurrency ITs; iproute2 brings up a container's loopback; gcc and
# libc6-dev build the preloaded library of EscapeIT's /proc/self/exe (CVE-2019-5736) attempt. tini
# gives /usr/bin/tini-static, the init `run --init` bind-mounts at /sbin/docker-init.
# docker-registry (distribution 2.8) is the registry the registry ITs start on loopback; openssl makes
# their CA and certificate, python3 (libxcrypt) the bcrypt hash of their htpasswd file.
# Every tool a test asks for through io.cairn.testing.Tools is here: under CI=true a missing one
# fails its test instead of skipping it.
set -euo pipefail
packages=(openjdk-17-jdk-headless maven util-linux procps busybox-static tar zstd runc conmon
          golang-github-containers-common podman skopeo umoci netavark aardvark-dns iptables apparmor curl iproute2
          gcc libc6-dev tini docker-registry openssl python3)
# The Docker API conformance ITs (it/src/test/java/io/cairn/it/docker) drive Cairn with the stock
# docker CLI: the `docker` on the PATH (a newer CLI where the machine has one), and once more with
# Debian's docker.io CLI, /usr/bin/docker (API 1.41), which CI always installs (its dockerd is never started).
packages+=(docker.io)
# script(1) (bsdutils) gives the client a terminal for the interactive -t tests
packages+=(bsdutils)
# docker-compose 1.29 (Python, docker-py) brings a two-service project up and down in ComposeIT
# (--no-install-recommends below keeps its recommended docker.io daemon out)
packages+=(docker-compose)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
