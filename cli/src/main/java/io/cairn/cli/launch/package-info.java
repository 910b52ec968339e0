/**
 * The client's fast start: a command line is parsed from a table of the commands' options
 * ({@code CommandTableText}, written from picocli's own model and checked against it by a test) and its
 * command run without building picocli's model, which is most of a short command's start-up
 * (reflection on the annotations, annotation proxies, picocli's converter registry). Whatever the
 * table cannot answer exactly as picocli would (help, version, usage errors, option forms and types
 * it does not record) goes to picocli unchanged.
 */
package io.cairn.cli.launch;
