#!/usr/bin/env bash
# Installs the Debian packages Cairn and its tests need (as root). Idempotent: installs only what is
# missing. runc and conmon run containers (and their integration tests); util-linux gives mount(8),
# which the overlay mount helper uses on kernels without the new mount API.
set -euo pipefail
packages=(openjdk-17-jdk-headless maven util-linux procps busybox-static tar zstd runc conmon
          golang-github-containers-common)
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
