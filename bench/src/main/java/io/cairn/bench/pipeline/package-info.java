/**
 * JMH benchmarks of the engine's write path and recovery: pipeline throughput (decide → journal →
 * index, futures completed when indexed), submit→indexed latency at a fixed offered rate, and
 * journal replay into an empty index. Each benchmark opens a real {@code ChronicleJournal} and
 * {@code RocksIndexStore} in a temporary directory that it deletes at tear-down; none changes
 * engine behaviour. Run them with {@code scripts/bench/jmh.sh}; results live in
 * {@code docs/BENCHMARKS.md}.
 */
package io.cairn.bench.pipeline;
