package io.cairn.engine.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A method and a path template such as {@code /volumes/{name}}, bound to its handler. */
record Route(String method, Pattern pattern, Handler handler, String template) {

    /** Serves a matched request. */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange) throws Exception;
    }

    static Route of(String method, String template, Handler handler) {
        // {name*} may span slashes (image references do); {name} may not
        String regex = template.replaceAll("\\{[a-z]+\\*}", "(.+)").replaceAll("\\{[a-z]+}", "([^/]+)");
        return new Route(method, Pattern.compile(regex), handler, template);
    }

    /** The path parameters when the path matches, else null. */
    List<String> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
            params.add(java.net.URLDecoder.decode(m.group(i), java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }
}
