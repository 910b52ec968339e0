/** Half of the cycle fixture. */
package io.cairn.cli.cyclefixture.alpha;
