package io.cairn.dockerfile.plan;

/** What a stage starts from. */
public sealed interface BaseImage {

    /** {@code FROM scratch}: an empty filesystem. */
    record Scratch() implements BaseImage {
    }

    /** An image reference to resolve (pull or find locally), expanded. */
    record Image(String reference) implements BaseImage {
    }

    /** An earlier stage of the same Dockerfile. */
    record StageRef(int index) implements BaseImage {
    }
}
