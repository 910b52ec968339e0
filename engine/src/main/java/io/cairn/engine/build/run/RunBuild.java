package io.cairn.engine.build.run;

import io.cairn.engine.build.copy.ContextTree;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The build every RUN of it shares, as RUN sees it: the builder passes this rather than its own
 * types, so that this package does not depend on the one that drives it.
 *
 * @param id        the build's ID, for its containers' names and labels
 * @param uid       the client's uid, for the journal
 * @param epoch     SOURCE_DATE_EPOCH when set: the layer time
 * @param context   the build context, empty when the build has none
 * @param network   the build's network ({@code none} or {@code host}), what {@code --network=default} means
 * @param proxyArgs the predefined proxy build args, which RUN sees without an ARG, in order
 * @param secrets   {@code --secret} values by id
 * @param ssh       {@code --ssh} agent sockets by id
 */
public record RunBuild(String id, int uid, Optional<Long> epoch, Optional<ContextTree> context, String network,
                       Map<String, String> proxyArgs, Map<String, byte[]> secrets, Map<String, Path> ssh) {
}
