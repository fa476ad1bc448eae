package io.berth.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The Kubernetes rules for label keys and values, so that Berth labels can be used as Kubernetes labels. */
public final class Labels {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Labels() {
    }

    /** Throws {@link InvalidLabelsException} naming every bad key or value. */
    public static Map<String, String> requireValid(Map<String, String> labels) {
        if (labels == null) {
            return Map.of();
        }
        Map<String, String> problems = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            String problem = keyProblem(key);
            if (problem == null) {
                problem = valueProblem(value);
            }
            if (problem != null) {
                problems.put(String.valueOf(key), problem);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidLabelsException(problems);
        }
        return Map.copyOf(labels);
    }

    /** Null when the key is valid, otherwise what is wrong with it. */
    public static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "label key must not be empty";
        }
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return "label key prefix must be a DNS subdomain of at most 253 characters";
            }
        }
        if (name.length() > 63 || !NAME.matcher(name).matches()) {
            return "label key name must be at most 63 characters: alphanumerics, '-', '_' or '.', "
                    + "starting and ending with an alphanumeric";
        }
        return null;
    }

    /** Null when the value is valid, otherwise what is wrong with it. */
    public static String valueProblem(String value) {
        if (value == null) {
            return "label value must not be null";
        }
        if (!value.isEmpty() && (value.length() > 63 || !NAME.matcher(value).matches())) {
            return "label value must be empty or at most 63 characters: alphanumerics, '-', '_' or '.', "
                    + "starting and ending with an alphanumeric";
        }
        return null;
    }
}
