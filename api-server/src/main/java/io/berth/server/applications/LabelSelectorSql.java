package io.berth.server.applications;

import io.berth.cluster.LabelSelector;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A label selector as a condition on a jsonb column of labels, so that a list is filtered by the database
 * rather than by reading every row. Keys and values are bound as parameters, never written into the SQL.
 */
final class LabelSelectorSql {

    private LabelSelectorSql() {
    }

    /**
     * The condition, starting with {@code " and "} (empty for a selector that selects everything); adds the
     * parameters it names to {@code params}.
     */
    static String where(String column, LabelSelector selector, Map<String, Object> params, JsonMapper json) {
        StringBuilder sql = new StringBuilder();
        int n = 0;
        for (LabelSelector.Requirement requirement : selector.requirements()) {
            String key = "labelKey" + n;
            String values = "labelValues" + n;
            n++;
            String value = column + " ->> :" + key;
            if (requirement.operator() != LabelSelector.Operator.EQUALS) {
                params.put(key, requirement.key()); // equality names its key inside the JSON it looks for
            }
            switch (requirement.operator()) {
                case EQUALS -> {
                    // containment, so that the GIN index on the column serves it
                    params.put(values, json.writeValueAsString(Map.of(requirement.key(), requirement.values().iterator().next())));
                    sql.append(" and ").append(column).append(" @> cast(:").append(values).append(" as jsonb)");
                }
                case IN -> {
                    params.put(values, requirement.values());
                    sql.append(" and ").append(value).append(" in (:").append(values).append(')');
                }
                case NOT_EQUALS, NOT_IN -> {
                    params.put(values, requirement.values());
                    sql.append(" and (").append(value).append(" is null or ").append(value)
                            .append(" not in (:").append(values).append("))");
                }
                case EXISTS -> sql.append(" and ").append(value).append(" is not null");
                case DOES_NOT_EXIST -> sql.append(" and ").append(value).append(" is null");
            }
        }
        return sql.toString();
    }
}
