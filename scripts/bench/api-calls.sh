#!/bin/bash
# api-calls.sh - the Docker Engine API calls the api-* scenarios time, with curl over a unix socket
# (the same calls on cairn's and dockerd's sockets; no CLI, no JVM client).
#   api-calls.sh runs SOCK IMAGE COUNT PREFIX [CLIENTS]
#                                               CLIENTS clients at once (default 1), each doing COUNT
#                                               runs one after another, a run being one curl process:
#                                               create (--network none) + start + wait + DELETE;
#                                               fails when a run does not exit 0
#   api-calls.sh exec SOCK CONTAINER            one exec of `true`: create, start (attached, without
#                                               a terminal), inspect until it has ended; fails unless it exits 0
set -uo pipefail
fail() { printf 'api-calls: %s\n' "$*"; exit 1; } # stdout: the harness keeps a failed sample's stdout
c() { curl -sS -f --unix-socket "$sock" "$@"; }

case ${1:-} in
  runs)
    sock=$2 image=$3 count=$4 prefix=$5 clients=${6:-1}
    if [ "$clients" -gt 1 ]; then
      pids=(); rc=0
      for ((k = 1; k <= clients; k++)); do "$0" runs "$sock" "$image" "$count" "$prefix-c$k" & pids+=($!); done
      for p in "${pids[@]}"; do wait "$p" || rc=1; done
      exit $rc
    fi
    body='{"Image":"'"$image"'","Cmd":["true"],"HostConfig":{"NetworkMode":"none"}}'
    for ((i = 1; i <= count; i++)); do
      name="$prefix-$i"
      out=$(c --fail-early -o /dev/null -H 'Content-Type: application/json' -d "$body" "http://x/containers/create?name=$name" \
              --next -sS -f --unix-socket "$sock" -o /dev/null -X POST "http://x/containers/$name/start" \
              --next -sS -f --unix-socket "$sock" -X POST "http://x/containers/$name/wait" \
              --next -sS -f --unix-socket "$sock" -o /dev/null -X DELETE "http://x/containers/$name") \
        || { c -o /dev/null -X DELETE "http://x/containers/$name?force=1" 2>/dev/null; fail "run $name: $out"; }
      case $out in *'"StatusCode":0'*) ;; *) fail "run $name: wait answered $out" ;; esac
    done
    ;;
  exec)
    sock=$2 container=$3
    created=$(c -H 'Content-Type: application/json' -d '{"Cmd":["true"],"AttachStdout":true,"AttachStderr":true}' \
                "http://x/containers/$container/exec") || fail "exec create: $created"
    id=$(printf '%s' "$created" | sed -n 's/.*"Id" *: *"\([0-9a-f]*\)".*/\1/p')
    [ -n "$id" ] || fail "exec create answered $created"
    c -o /dev/null -H 'Content-Type: application/json' -d '{"Detach":false,"Tty":false}' "http://x/exec/$id/start" \
      || fail "exec start $id"
    # the attached stream ends with the process; its exit code may be recorded a moment later
    for _ in $(seq 200); do
      state=$(c "http://x/exec/$id/json") || fail "exec inspect $id"
      case $state in
        *'"Running":false'*'"ExitCode":0'*|*'"ExitCode":0'*'"Running":false'*) exit 0 ;;
        *'"Running":false'*) fail "exec $id: $state" ;;
      esac
    done
    fail "exec $id still running after its stream ended"
    ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
