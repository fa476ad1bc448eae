package io.berth.cluster.internal.kubeconfig;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Checks shared by the cluster, user and context rules. None of them ever puts a field's value into a message:
 * the caller cannot know which values are secret, so none are echoed.
 */
final class EntryChecks {

    static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

    private EntryChecks() {
    }

    /**
     * Refuses keys that are neither allowed nor already refused with a specific message. Allow-listing keeps
     * future kubeconfig fields (which might point at files or commands) from being passed on unchecked.
     */
    static void refuseUnknownKeys(String list, String name, ObjectNode body, Set<String> allowed,
                                  Set<String> refused, Problems problems) {
        for (String key : body.propertyNames()) {
            if (!allowed.contains(key) && !refused.contains(key)) {
                problems.add(Fields.entryField(list, name, key),
                        "unknown field; Berth passes on only the fields it knows to be safe");
            }
        }
    }

    /** The key's string value; empty when absent or null, or after a problem when it is not a string. */
    static Optional<String> string(ObjectNode body, String key, String field, Problems problems) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            problems.add(field, "must be a string");
            return Optional.empty();
        }
        return Optional.of(value.stringValue());
    }

    /** Same as {@link #string}, but an empty string counts as absent, as it does for kubectl. */
    static Optional<String> nonEmptyString(ObjectNode body, String key, String field, Problems problems) {
        return string(body, key, field, problems).filter(s -> !s.isEmpty());
    }

    /** Like {@link #nonEmptyString}, but absence is a problem too; {@code what} says what the field is for. */
    static Optional<String> requiredString(ObjectNode body, String key, String field, String what,
                                           Problems problems) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull() || (value.isString() && value.stringValue().isEmpty())) {
            problems.add(field, "is required: " + what);
            return Optional.empty();
        }
        return string(body, key, field, problems);
    }

    /** Decoded base64 data; empty when absent, or after a problem when it is not a base64 string. */
    static Optional<byte[]> base64(ObjectNode body, String key, String field, Problems problems) {
        Optional<String> encoded = string(body, key, field, problems);
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(encoded.get()));
        } catch (IllegalArgumentException e) {
            // The decoder's message names the offending character: not passed on.
            problems.add(field, "must be base64-encoded");
            return Optional.empty();
        }
    }

    static boolean contains(byte[] decoded, String marker) {
        return new String(decoded, StandardCharsets.ISO_8859_1).contains(marker);
    }

    /**
     * A parsed absolute URL with a host, or empty after a problem. {@link URISyntaxException}'s message quotes
     * the input, so it is not used. Credentials in the URL are refused: they would show up wherever the URL does.
     */
    static Optional<URI> absoluteUrl(String value, String field, boolean allowUserInfo, Problems problems) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            problems.add(field, "must be a valid absolute URL");
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            problems.add(field, "must be an absolute URL with a host, for example https://api.example.com:6443");
            return Optional.empty();
        }
        if (!allowUserInfo && uri.getRawUserInfo() != null) {
            problems.add(field, "must not carry credentials; put them in the user entry");
            return Optional.empty();
        }
        return Optional.of(uri);
    }
}
