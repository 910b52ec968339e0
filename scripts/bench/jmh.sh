#!/bin/bash
# jmh.sh [JMH ARGS...] - run the bench module's JMH benchmarks with the JVM flags Chronicle needs.
# Builds the reactor first unless JMH_NO_BUILD=1. Examples:
#   scripts/bench/jmh.sh PipelineThroughputBench -f 1 -wi 3 -i 5
#   scripts/bench/jmh.sh 'SubmitLatencyBench' -p durability=PROCESS -p effects=NONE
#   scripts/bench/jmh.sh -l                      # list benchmarks
# Scratch state goes to $CAIRN_BENCH_TMP (default: java.io.tmpdir) and is deleted by each benchmark.
set -euo pipefail
home=$(cd "$(dirname "$0")/../.." && pwd)
if [ "${JMH_NO_BUILD:-0}" != 1 ]; then
  (cd "$home" && mvn -B -q -o -DskipTests package -pl bench -am) \
    || (cd "$home" && mvn -B -q -DskipTests package -pl bench -am)
fi
jar="$home/bench/target/cairn-bench-0.1.0-SNAPSHOT.jar"
cp="$jar:$(cat "$home/bench/target/classpath.txt")"
# Chronicle's flags (the parent pom's cairn.jvm.opens); JMH forks each benchmark with this JVM's arguments
opens=$(cat "$home/engine/target/jvm-flags.txt")
tmp=()
[ -n "${CAIRN_BENCH_TMP:-}" ] && tmp=(-jvmArgsAppend "-Dcairn.bench.tmp=$CAIRN_BENCH_TMP")
# shellcheck disable=SC2086
# Other worktrees on this machine may run JMH at the same time; their /tmp/jmh.lock must not stop
# this run (the machine being shared is recorded with each result instead).
exec java $opens -Djmh.ignoreLock=true -cp "$cp" org.openjdk.jmh.Main "${tmp[@]}" "$@"
