package io.cairn.dockerfile.dockerignore;

/** A pattern that Docker would reject ({@code syntax error in pattern}); the message names it. */
public final class InvalidPatternException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pattern;
    private final String why;

    public InvalidPatternException(String pattern, String why) {
        super("invalid pattern \"" + pattern + "\": " + why);
        this.pattern = pattern;
        this.why = why;
    }

    /** What is wrong, without the pattern. */
    public String why() {
        return why;
    }

    /** The pattern as given. */
    public String pattern() {
        return pattern;
    }
}
