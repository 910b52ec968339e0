/**
 * JMH benchmarks of unpacking layer tars into the layer store, over generated tar fixtures.
 */
package io.cairn.bench.layer;
