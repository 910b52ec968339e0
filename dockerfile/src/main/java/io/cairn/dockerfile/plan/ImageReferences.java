package io.cairn.dockerfile.plan;

import java.util.Locale;
import java.util.regex.Pattern;

/** Docker's image reference grammar ({@code [domain[:port]/]path[:tag][@digest]}), for early errors. */
final class ImageReferences {

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String NAME_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile("^(?:" + DOMAIN + "/)?" + NAME_COMPONENT
            + "(?:/" + NAME_COMPONENT + ")*(?::" + TAG + ")?(?:@" + DIGEST + ")?$");

    private ImageReferences() {
    }

    /** Null when {@code ref} is a valid reference, else why not (Docker's wording). */
    static String problem(String ref) {
        if (ref.length() > 512) {
            return "invalid reference format: reference is too long";
        }
        if (REFERENCE.matcher(ref).matches()) {
            return null;
        }
        int slash = ref.indexOf('/');
        String path = slash >= 0 && looksLikeDomain(ref.substring(0, slash)) ? ref.substring(slash + 1) : ref;
        String pathOnly = path.split("[:@]", 2)[0];
        if (!pathOnly.equals(pathOnly.toLowerCase(Locale.ROOT))
                && REFERENCE.matcher(ref.replace(pathOnly, pathOnly.toLowerCase(Locale.ROOT))).matches()) {
            return "invalid reference format: repository name (" + pathOnly + ") must be lowercase";
        }
        return "invalid reference format";
    }

    private static boolean looksLikeDomain(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }
}
