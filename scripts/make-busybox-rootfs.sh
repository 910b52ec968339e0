#!/bin/bash
# make-busybox-rootfs.sh OUT.tar — a busybox root filesystem tarball for tests and the README.
#
# Contents: /bin/busybox (Debian's busybox-static, installed with apt-get if missing) and a
# symlink /bin/<applet> -> busybox for every applet `busybox --list` names; /etc/passwd and
# /etc/group with root and nobody; /tmp (1777), /root (0700); empty /dev /proc /sys /var
# /usr/bin /usr/sbin /sbin.
#
# Deterministic: entries sorted by name, numeric owner 0:0, every mtime = SOURCE_DATE_EPOCH
# (default 0), fixed modes (umask 022), ustar format without atime/ctime. The same busybox-static
# package gives the same tar bytes; the image built from it gets the same ID everywhere.
#
# Environment: BUSYBOX (default /bin/busybox) to use another static busybox; SOURCE_DATE_EPOCH.
set -euo pipefail
umask 022

out=${1:?usage: make-busybox-rootfs.sh OUT.tar}
epoch=${SOURCE_DATE_EPOCH:-0}
bb=${BUSYBOX:-/bin/busybox}

is_static() { [ -x "$1" ] && ! ldd "$1" >/dev/null 2>&1; }

if [ -z "${BUSYBOX:-}" ] && ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'; then
  echo "make-busybox-rootfs: installing busybox-static" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q busybox-static >&2 || { apt-get update -q >&2 && apt-get install -y -q busybox-static >&2; }
fi
is_static "$bb" || { echo "make-busybox-rootfs: $bb is not a static busybox (install busybox-static)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/busybox-rootfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{bin,sbin,etc,dev,proc,sys,tmp,root,var,usr/bin,usr/sbin}
chmod 1777 "$root/tmp"
chmod 0700 "$root/root"
install -m 0755 "$bb" "$root/bin/busybox"
"$root/bin/busybox" --list | LC_ALL=C sort -u | while read -r applet; do
  case "$applet" in
    ''|busybox|*/*) continue ;;
  esac
  ln -s busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' > "$root/etc/group"
chmod 0644 "$root/etc/passwd" "$root/etc/group"

tmp_out="$out.tmp.$$"
LC_ALL=C tar --sort=name --format=ustar --numeric-owner --owner=0 --group=0 --mtime="@$epoch" \
  -C "$root" -cf "$tmp_out" .
mv -f "$tmp_out" "$out"
echo "make-busybox-rootfs: wrote $out ($(stat -c %s "$out") bytes, $("$bb" --list | wc -l) applets)" >&2
