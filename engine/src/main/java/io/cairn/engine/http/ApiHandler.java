package io.cairn.engine.http;

import io.cairn.api.CairnException;
import io.cairn.api.ErrorKind;
import io.cairn.api.NotFoundException;
import io.cairn.api.NotImplementedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Dispatches API requests to routes. Paths may carry Docker's version prefix ({@code /v1.43/…}).
 * Errors become Docker's {@code {"message": …}} bodies, with Cairn's {@code "kind"} beside the message
 * and the status of that kind ({@link Failures}). A route that
 * hands its exchange to a follower ({@link Exchange#follow}) frees the request thread at once.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v([0-9]+(\\.[0-9]+)?)(?=/)");

    private final List<Route> routes;
    private final Followers followers;

    ApiHandler(List<Route> routes, Followers followers) {
        this.routes = routes;
        this.followers = followers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String raw = Request.getPathInContext(request);
        Matcher prefix = VERSION_PREFIX.matcher(raw);
        String path = raw;
        if (prefix.find()) {
            Optional<String> refused = unsupported(prefix.group(1));
            if (refused.isPresent()) {
                Exchange exchange = new Exchange(request, response, callback, List.of(), followers);
                exchange.json(400, Failures.body(ErrorKind.INVALID_ARGUMENT, refused.get()));
                callback.succeeded();
                return true;
            }
            path = raw.substring(prefix.end());
        }
        String method = request.getMethod();
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = route.match(path);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method) || (method.equals("HEAD") && route.method().equals("GET"))) {
                Exchange exchange = new Exchange(request, response, callback, params, followers);
                serve(route.handler(), exchange, method + " " + path);
                exchange.completeOnRequestThread();
                return true;
            }
        }
        Exchange exchange = new Exchange(request, response, callback, List.of(), followers);
        exchange.drainBody(REFUSED_BODY_DRAIN);
        Optional<String> docker = DockerEndpoints.find(method, path);
        if (docker.isPresent()) {
            exchange.json(501, Failures.body(new NotImplementedException("Cairn does not implement " + docker.get()
                    + " of the Docker Engine API")));
        } else if (pathKnown) {
            // 405 has no kind of its own: the request is malformed for this path
            exchange.json(405, Failures.body(ErrorKind.INVALID_ARGUMENT,
                    "method " + method + " not allowed on " + path));
        } else {
            exchange.json(404, Failures.body(new NotFoundException("page not found: " + path)));
        }
        callback.succeeded();
        return true;
    }

    /**
     * Why Docker's daemon would refuse a request for API {@code version}, in its words; empty when it
     * is in Cairn's range ({@value ApiServer#MIN_API_VERSION} to {@value ApiServer#API_VERSION}).
     */
    static Optional<String> unsupported(String version) {
        if (compare(version, ApiServer.API_VERSION) > 0) {
            return Optional.of("client version " + version + " is too new. Maximum supported API version is "
                    + ApiServer.API_VERSION);
        }
        if (compare(version, ApiServer.MIN_API_VERSION) < 0) {
            return Optional.of("client version " + version + " is too old. Minimum supported API version is "
                    + ApiServer.MIN_API_VERSION + ", please upgrade your client to a newer version");
        }
        return Optional.empty();
    }

    /** Compares dotted versions part by part as numbers (1.9 before 1.10); parts are digits, by the pattern. */
    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = new java.math.BigInteger(i < x.length ? x[i] : "0").compareTo(new java.math.BigInteger(i < y.length ? y[i] : "0"));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The most of a refused request's unread body read before answering (Go's server reads 256 KiB). */
    static final long REFUSED_BODY_DRAIN = 256 * 1024;

    /**
     * Runs {@code handler}, answering its failure as Docker does (unless the answer has begun), with
     * the status and {@code kind} of its {@linkplain Failures#classify kind}. An engine failure goes
     * to the log with its class and stack ({@link Failures#report}); the client gets its message.
     */
    static void serve(Route.Handler handler, Exchange exchange, String what) {
        try {
            handler.handle(exchange);
        } catch (Exception e) {
            // a client that goes away ends its request: an I/O error on its connection, or the follower
            // interrupted by the close watch (a wait, a log follow). Nothing failed: no warning, no stack
            if (!exchange.open() && (!(e instanceof CairnException) || Thread.currentThread().isInterrupted())) {
                LOG.fine(what + " ended: the client closed the connection (" + e + ")");
                return;
            }
            CairnException failure = Failures.report(e, what);
            if (exchange.streamStarted()) {
                // the status is gone: a JSON stream ends with Docker's error line, which clients of
                // progress streams (jsonmessage) and `cairn events` turn into a failure, never a record
                exchange.endStreamWith(Failures.streamLine(failure));
                return;
            }
            fail(exchange, failure.httpStatus(), Failures.body(failure));
        }
    }

    private static void fail(Exchange exchange, int status, Map<String, Object> body) {
        exchange.drainBody(REFUSED_BODY_DRAIN);
        try {
            exchange.json(status, body);
        } catch (RuntimeException alreadyCommitted) {
            LOG.fine("could not report the failure: " + alreadyCommitted);
        }
    }
}
