package io.cairn.dockerfile.plan;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Build args Docker defines without an ARG: proxies, platforms, and a few consumed by the builder itself. */
public final class PredefinedArgs {

    /** Proxy args: passed to RUN when given, without an ARG, and kept out of the image's history. */
    public static final Set<String> PROXY = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private PredefinedArgs() {
    }

    /** The automatic platform args of the global scope, for a build on the host for {@code target}. */
    public static Map<String, String> platform(Platform build, Platform target) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("BUILDPLATFORM", build.toString());
        out.put("BUILDOS", build.os());
        out.put("BUILDARCH", build.architecture());
        out.put("BUILDVARIANT", build.variant());
        out.put("TARGETPLATFORM", target.toString());
        out.put("TARGETOS", target.os());
        out.put("TARGETARCH", target.architecture());
        out.put("TARGETVARIANT", target.variant());
        return out;
    }

    /** Whether a build arg is consumed even when no ARG declares it (so it is never "unused"). */
    public static boolean consumedWithoutArg(String name) {
        return PROXY.contains(name) || name.startsWith("BUILDKIT_") || name.equals("SOURCE_DATE_EPOCH")
                || platform(Platform.host(), Platform.host()).containsKey(name.toUpperCase(Locale.ROOT));
    }
}
