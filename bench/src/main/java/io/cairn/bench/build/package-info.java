/** Benchmarks of the Dockerfile front end (parse, type, expand). */
package io.cairn.bench.build;
