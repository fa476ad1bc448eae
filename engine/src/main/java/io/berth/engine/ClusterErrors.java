package io.berth.engine;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns what a cluster call threw into words for an error message. */
public final class ClusterErrors {

    private ClusterErrors() {
    }

    /**
     * The cluster's own message when it answered (the {@code Status} of a 4xx/5xx), otherwise the
     * innermost cause's message (e.g. {@code Connection refused}). The client's messages carry the
     * request URL at most: no header, so no token, ever reaches them.
     */
    public static String explain(Throwable failure) {
        if (failure instanceof KubernetesClientException k && k.getStatus() != null) {
            Status status = k.getStatus();
            if (status.getMessage() != null && !status.getMessage().isBlank()) {
                return status.getMessage() + " (HTTP " + k.getCode() + ")";
            }
        }
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        String what = message == null || message.isBlank() ? innermost.getClass().getSimpleName() : message;
        return failure instanceof KubernetesClientException k && k.getCode() > 0 ? what + " (HTTP " + k.getCode() + ")" : what;
    }

    /**
     * {@link #explain(Throwable)} for a call about one object. For a Secret only the HTTP code and the
     * Status reason are given: a validation message may quote the values it refused, and a Secret's
     * values must never reach a record, a response or a log line.
     */
    public static String explain(Throwable failure, ObjectRef about) {
        if ("Secret".equals(about.kind()) && "v1".equals(about.apiVersion())
                && failure instanceof KubernetesClientException k && k.getStatus() != null) {
            return "the cluster refused it (HTTP " + k.getCode() + (k.getStatus().getReason() == null ? ""
                    : ", " + k.getStatus().getReason()) + "); its message is not shown for Secrets, as it may quote their values";
        }
        return explain(failure);
    }

    /**
     * The cluster gave no HTTP answer at all (connection refused or cut, a timeout), or only its
     * gateway answered that it is unavailable (502, 503, 504).
     */
    public static boolean isUnanswered(KubernetesClientException failure) {
        int code = failure.getCode();
        return code <= 0 || code == 502 || code == 503 || code == 504;
    }

    public static boolean isNotFound(Throwable failure) {
        return failure instanceof KubernetesClientException k && k.getCode() == 404;
    }
}
