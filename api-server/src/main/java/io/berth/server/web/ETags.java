package io.berth.server.web;

/** Strong ETags carrying a resource's optimistic-lock version, and the If-Match side of them. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version named by an If-Match header; null when the header is absent or {@code *}. A value
     * that is no ETag of ours can never match, so it fails like a stale one: 412.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            try {
                return Long.parseLong(value.substring(1, value.length() - 1));
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
        throw new ApiException(ProblemType.PRECONDITION_FAILED,
                "If-Match " + "does not name a current version of this resource; read it again and use its ETag");
    }
}
