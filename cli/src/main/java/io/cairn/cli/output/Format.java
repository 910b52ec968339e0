package io.cairn.cli.output;

/**
 * The {@code --format} flag: {@code table} (default) or {@code json}. Go templates are refused with a
 * clear error, since Cairn does not evaluate them.
 */
public enum Format {
    TABLE, JSON;

    public static Format parse(String value, io.cairn.cli.command.Usage usage) {
        if (value == null || value.isEmpty() || value.equals("table")) {
            return TABLE;
        }
        if (value.equals("json")) {
            return JSON;
        }
        if (value.contains("{{")) {
            throw usage.error("--format: Go templates are not supported; use --format json (or table)");
        }
        throw usage.error("--format: unknown format \"" + value + "\"; use table or json");
    }
}
