/**
 * JMH benchmarks of the journal: append throughput per durability mode and replay speed, over
 * journals that {@code BenchJournals} prepares.
 */
package io.cairn.bench.journal;
