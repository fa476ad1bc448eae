package io.berth.engine.drift;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Values as short JSON text, for messages. */
final class Json {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final int LIMIT = 300;

    private Json() {
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String json = SERIALIZATION.asJson(value);
        return json.length() <= LIMIT ? json : json.substring(0, LIMIT) + "…";
    }
}
