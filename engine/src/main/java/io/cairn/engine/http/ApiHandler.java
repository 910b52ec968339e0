package io.cairn.engine.http;

import io.cairn.api.CairnException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Dispatches API requests to routes. Paths may carry Docker's version prefix ({@code /v1.43/…}).
 * Errors become Docker's {@code {"message": …}} bodies with the status of their kind. A route that
 * hands its exchange to a follower ({@link Exchange#follow}) frees the request thread at once.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v[0-9]+(\\.[0-9]+)?(?=/)");

    private final List<Route> routes;
    private final Followers followers;

    ApiHandler(List<Route> routes, Followers followers) {
        this.routes = routes;
        this.followers = followers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = VERSION_PREFIX.matcher(Request.getPathInContext(request)).replaceFirst("");
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
        if (pathKnown) {
            exchange.json(405, Map.of("message", "method " + method + " not allowed on " + path));
        } else {
            exchange.json(404, Map.of("message", "page not found: " + path));
        }
        callback.succeeded();
        return true;
    }

    /** Runs {@code handler}, answering its failure as Docker does (unless the answer has begun). */
    static void serve(Route.Handler handler, Exchange exchange, String what) {
        try {
            handler.handle(exchange);
        } catch (CairnException e) {
            fail(exchange, e.httpStatus(), e.getMessage());
        } catch (Refused e) {
            fail(exchange, e.status(), e.getMessage());
        } catch (Exception e) {
            if (!exchange.open()) {
                LOG.fine(what + " ended: the client closed the connection (" + e + ")");
                return;
            }
            LOG.log(Level.WARNING, what + " failed", e);
            fail(exchange, 500, what + ": " + e);
        }
    }

    private static void fail(Exchange exchange, int status, String message) {
        try {
            exchange.json(status, Map.of("message", message));
        } catch (RuntimeException alreadyCommitted) {
            LOG.fine("could not report the failure: " + alreadyCommitted);
        }
    }
}
