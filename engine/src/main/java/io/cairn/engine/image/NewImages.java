package io.cairn.engine.image;

import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.Event;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.storage.blob.DigestMismatchException;
import io.cairn.storage.layer.InvalidLayerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The storing part of {@link ImageService}: every new image (pulled from an archive, imported,
 * committed, built) has its content written first and is journaled second, under the content lock
 * that {@link ImageRemoval} takes too.
 */
final class NewImages {

    private final Pipeline pipeline;
    private final ImageContent content;
    private final ReentrantLock contentLock;

    NewImages(Pipeline pipeline, ImageContent content, ReentrantLock contentLock) {
        this.pipeline = pipeline;
        this.content = content;
        this.contentLock = contentLock;
    }

    /**
     * Stores content and journals the new image with {@code extra} events (given the image ID),
     * holding the content lock throughout.
     *
     * @return the image ID
     */
    String commit(ImageService.ContentWriter writer, Function<String, List<Event>> extra, int uid) {
        contentLock.lock();
        try {
            NewImage image = writer.write(content);
            return pipeline.execute(s -> {
                List<Event> events = new ArrayList<>(ImageDecisions.create(s, image));
                events.addAll(extra.apply(image.id()));
                return new Decision<>(events, image.id(), null);
            }, uid);
        } catch (InvalidLayerException | DigestMismatchException e) {
            // the caller's content is bad, not the engine: name what is wrong, as a 400
            throw new InvalidArgumentException(e.getMessage());
        } catch (IOException e) {
            throw new EngineFailureException("storing image content: " + e.getMessage(), e);
        } finally {
            contentLock.unlock();
        }
    }
}
