package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Position;

/** An instruction that is invalid as written or once expanded; the problem starts at {@link #position()}. */
public final class InvalidInstructionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Position position;

    public InvalidInstructionException(Position position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
