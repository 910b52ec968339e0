package io.cairn.cli.build;

/**
 * Shows a build's progress lines ({@code POST /build}'s stream) to the user, on stderr.
 * Implementations: {@link PlainProgress} (BuildKit's {@code --progress plain}), {@link TtyProgress}
 * (a live view on a terminal), and none for {@code quiet}.
 */
interface ProgressView {

    /** One progress object: {@code {"step":N,"state":...}} or {@code {"warning":...}}. */
    void accept(ProgressMessage message);

    /** The build produced {@code imageId}, tagged {@code tags}. */
    void finished(String imageId, java.util.List<String> tags);

    /** The build failed; the caller prints the error. */
    void failed();

    /** Shows nothing. */
    ProgressView QUIET = new ProgressView() {
        @Override
        public void accept(ProgressMessage message) {
        }

        @Override
        public void finished(String imageId, java.util.List<String> tags) {
        }

        @Override
        public void failed() {
        }
    };
}
