#!/bin/bash
# make-image.sh OUT.tar [TAG] - the load/save benchmarks' test image as a docker-archive (docker
# save format: manifest.json, config, one layer.tar per layer), which docker load, podman load and
# cairn load all read, so that every engine loads the same bytes and gets the same image ID.
#
#   layer 1: the busybox rootfs of scripts/make-busybox-rootfs.sh (~2 MB)
#   layer 2: /data/blob-00 ... blob-07, 1 MiB each of AES-128-CTR keystream with a fixed key
#            (incompressible, ~8 MiB)
# Deterministic: fixed key, sorted tar entries, owner 0:0, mtime @0, created 1970-01-01. The same
# busybox-static package gives the same archive bytes, hence the same config digest = image ID.
# Prints the image ID (sha256:<config digest>) on stdout. TAG defaults to cairn-bench/img10m:latest.
set -euo pipefail
umask 022
out=${1:?usage: make-image.sh OUT.tar [TAG]}
tag=${2:-cairn-bench/img10m:latest}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cairn-bench-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
ustar() { LC_ALL=C tar --sort=name --format=ustar --numeric-owner --owner=0 --group=0 --mtime=@0 "$@"; }

bash "$here/../make-busybox-rootfs.sh" "$work/layer1.tar"

mkdir -p "$work/l2/data"
for i in 0 1 2 3 4 5 6 7; do
  head -c $((1 << 20)) /dev/zero \
    | openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv "0000000000000000000000000000000$i" \
    >"$work/l2/data/blob-0$i"
done
chmod 0644 "$work"/l2/data/*
chmod 0755 "$work/l2/data"
ustar -C "$work/l2" -cf "$work/layer2.tar" data

sha() { sha256sum "$1" | cut -d' ' -f1; }
d1=$(sha "$work/layer1.tar"); d2=$(sha "$work/layer2.tar")
mkdir -p "$work/archive/$d1" "$work/archive/$d2"
mv "$work/layer1.tar" "$work/archive/$d1/layer.tar"
mv "$work/layer2.tar" "$work/archive/$d2/layer.tar"
printf '%s' '{"architecture":"amd64","config":{"Cmd":["/bin/sh"],"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},"created":"1970-01-01T00:00:00Z","history":[{"created":"1970-01-01T00:00:00Z","created_by":"make-busybox-rootfs.sh"},{"created":"1970-01-01T00:00:00Z","created_by":"8 x 1 MiB random files in /data"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:'"$d1"'","sha256:'"$d2"'"]}}' \
  >"$work/config.json"
cfg=$(sha "$work/config.json")
mv "$work/config.json" "$work/archive/$cfg.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar","%s/layer.tar"]}]' "$cfg" "$tag" "$d1" "$d2" \
  >"$work/archive/manifest.json"
ustar -C "$work/archive" -cf "$out.tmp.$$" .
mv -f "$out.tmp.$$" "$out"
echo "sha256:$cfg"
