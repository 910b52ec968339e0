package io.cairn.dockerfile.parser;

/** A syntax error at an offset of the logical line being parsed; internal to the parser. */
final class ParseError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    ParseError(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    int offset() {
        return offset;
    }
}
