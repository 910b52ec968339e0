/**
 * Container logs in conmon's k8s-file format: decoding, Docker's {@code --since}, {@code --until}
 * and {@code --tail}, and following a log while its container runs.
 */
package io.cairn.engine.runtime.log;
