#!/usr/bin/env bash
# The whole test suite, from a clean clone, as root: unit tests (surefire), then the integration
# tests that drive bin/cairn and real daemons (failsafe), including the SIGKILL crash test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
mvn -B verify "$@"
