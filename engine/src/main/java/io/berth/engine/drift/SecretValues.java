package io.berth.engine.drift;

import io.berth.engine.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Drift of a Secret: its values are compared but never shown (a drift is recorded and served by the
 * API, and a Secret's values must reach neither), and {@code stringData}, which the API server turns
 * into base64 {@code data} and never returns, is compared with the decoded {@code data}.
 */
final class SecretValues {

    static final String HIDDEN = "(hidden: a Secret's value)";

    private SecretValues() {
    }

    static boolean isSecret(ObjectRef ref) {
        return ref.kind().equals("Secret") && ref.apiVersion().equals("v1");
    }

    static Optional<ObjectDrift> compare(ObjectRef ref, Map<String, Object> applied, Map<String, Object> live) {
        List<FieldDrift> fields = new ArrayList<>();
        Map<?, ?> liveData = live.get("data") instanceof Map<?, ?> m ? m : Map.of();
        if (applied.get("data") instanceof Map<?, ?> data) {
            data.forEach((key, value) -> {
                if (!Objects.equals(value, liveData.get(key))) {
                    fields.add(hidden("data." + key, liveData.get(key)));
                }
            });
        }
        if (applied.get("stringData") instanceof Map<?, ?> stringData) {
            stringData.forEach((key, value) -> {
                Object encoded = liveData.get(key);
                String decoded = encoded == null ? null : decode(encoded.toString());
                if (!Objects.equals(Objects.toString(value, null), decoded)) {
                    fields.add(hidden("stringData." + key, encoded));
                }
            });
        }
        // the rest (metadata, type) holds no value of the Secret and is compared as for any object
        Map<String, Object> rest = new java.util.LinkedHashMap<>(applied);
        rest.remove("data");
        rest.remove("stringData");
        Map<String, Object> liveRest = new java.util.LinkedHashMap<>(live);
        liveRest.remove("data");
        ObjectRef other = new ObjectRef("v1", "SecretMetadata", ref.namespace(), ref.name());
        DriftDetector.compare(other, rest, liveRest).ifPresent(d -> fields.addAll(d.fields()));
        return fields.isEmpty() ? Optional.empty() : Optional.of(new ObjectDrift(ref, false, fields));
    }

    private static FieldDrift hidden(String path, Object live) {
        return new FieldDrift(path, HIDDEN, live == null ? null : HIDDEN);
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
