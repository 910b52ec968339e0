#!/usr/bin/env bash
# Cairn's main job on a fresh Debian 12 machine, as root: install what is missing, build, and show
# the engine at work. For now that is the event-sourced core: operations go through the journal,
# survive a daemon restart, and can be audited and replayed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
bin/cairn-setup
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }

run bin/cairn info
run bin/cairn volume create --label app=demo demo-data
run bin/cairn volume create demo-cache
run bin/cairn volume rm demo-cache
run bin/cairn volume ls
say "kill \$(cat /var/lib/cairn/cairn.pid)    # stop the daemon; the next command starts a new one"
kill "$(cat /var/lib/cairn/cairn.pid)"
while [ -e /var/lib/cairn/cairn.pid ]; do sleep 0.1; done
run bin/cairn events --since 10m --until 0s
run bin/cairn journal verify
run bin/cairn journal rebuild
run bin/cairn system check
run bin/cairn volume rm demo-data
