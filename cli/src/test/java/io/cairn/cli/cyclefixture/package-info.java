/** A package cycle on purpose: the fixture that proves ModuleRulesTest's no-cycle rule can fail. */
package io.cairn.cli.cyclefixture;
