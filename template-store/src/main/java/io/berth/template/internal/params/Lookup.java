package io.berth.template.internal.params;

import tools.jackson.databind.JsonNode;

/**
 * What a placeholder name resolves to.
 *
 * @param outcome           whether there is a value, no value, or no such parameter
 * @param value             the value when there is one
 * @param structuredAllowed whether the schema lets an object or array stand in for the placeholder
 */
public record Lookup(Outcome outcome, JsonNode value, boolean structuredAllowed) {

    public enum Outcome { VALUE, MISSING, UNKNOWN }

    public static Lookup value(JsonNode value, boolean structuredAllowed) {
        return new Lookup(Outcome.VALUE, value, structuredAllowed);
    }

    public static Lookup missing() {
        return new Lookup(Outcome.MISSING, null, false);
    }

    public static Lookup unknown() {
        return new Lookup(Outcome.UNKNOWN, null, false);
    }
}
