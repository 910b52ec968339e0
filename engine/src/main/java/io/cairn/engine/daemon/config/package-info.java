/**
 * The daemon's configuration file ({@code daemon.json}): which file is read, how it is parsed
 * (strictly: unknown keys, duplicate keys, wrong types and out-of-range values are refused, naming
 * the file, the key and the value), and how it merges with the command line (a flag wins over the
 * file over the default; a key set both ways is refused, as dockerd refuses it). docs/TUNING.md
 * explains every knob.
 */
package io.cairn.engine.daemon.config;
