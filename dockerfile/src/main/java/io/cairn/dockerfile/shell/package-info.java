/**
 * Shell-word processing as Docker's builder does it: quotes, escapes and {@code $name},
 * {@code ${name}}, {@code ${name:-word}}, {@code ${name:+word}}, {@code ${name-word}},
 * {@code ${name+word}}, {@code ${name:?msg}}, {@code ${name?msg}}, and the pattern forms of
 * newer Dockerfile syntax: {@code ${name#pat}}, {@code ${name##pat}}, {@code ${name%pat}},
 * {@code ${name%%pat}}, {@code ${name/pat/repl}}, {@code ${name//pat/repl}}.
 *
 * <p>This is not a shell: there is no command substitution, no globbing and no field splitting
 * other than on unquoted whitespace in {@link io.cairn.dockerfile.shell.ShellLex#processWords}.
 * Which instructions are expanded, and with which variables, is decided by the {@code plan} package.
 */
package io.cairn.dockerfile.shell;
