package io.cairn.engine.http;

import io.cairn.engine.api.CairnException;
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
 * Errors become Docker's {@code {"message": …}} bodies with the status of their kind.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v[0-9]+(\\.[0-9]+)?(?=/)");

    private final List<Route> routes;

    ApiHandler(List<Route> routes) {
        this.routes = routes;
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
                serve(route, new Exchange(request, response, params), method + " " + path);
                callback.succeeded();
                return true;
            }
        }
        Exchange exchange = new Exchange(request, response, List.of());
        if (pathKnown) {
            exchange.json(405, Map.of("message", "method " + method + " not allowed on " + path));
        } else {
            exchange.json(404, Map.of("message", "page not found: " + path));
        }
        callback.succeeded();
        return true;
    }

    private static void serve(Route route, Exchange exchange, String what) {
        try {
            route.handler().handle(exchange);
        } catch (CairnException e) {
            exchange.json(e.httpStatus(), Map.of("message", e.getMessage()));
        } catch (Exception e) {
            LOG.log(Level.WARNING, what + " failed", e);
            try {
                exchange.json(500, Map.of("message", what + ": " + e));
            } catch (RuntimeException alreadyCommitted) {
                LOG.fine("could not report the failure: " + alreadyCommitted);
            }
        }
    }
}
