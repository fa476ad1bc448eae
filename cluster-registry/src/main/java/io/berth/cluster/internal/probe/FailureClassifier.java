package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterStatus;
import io.berth.cluster.internal.client.UnapprovedProxyException;
import io.berth.cluster.internal.network.DeniedDestinationException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed call to a cluster into a status and a human reason. The reason is written by Berth,
 * never copied from the exception: client messages can carry URLs with query strings or response bodies.
 */
public final class FailureClassifier {

    private static final int MAX_CAUSE_DEPTH = 32;

    private FailureClassifier() {
    }

    /** The simple class name, or the full one for anonymous and local classes, which have none. */
    private static String typeName(Throwable error) {
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }

    public record Failure(ClusterStatus status, String reason, boolean noAnswer) {
    }

    public static Failure classify(Throwable error, String server) {
        if (error == null) {
            return new Failure(ClusterStatus.Unreachable, "The call to " + server + " failed", false);
        }
        // Bounded, because a cause chain can loop back on itself.
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_CAUSE_DEPTH; t = t.getCause(), depth++) {
            Failure failure = classifyOne(t, server);
            if (failure != null) {
                return failure;
            }
        }
        return new Failure(ClusterStatus.Unreachable,
                "The call to " + server + " failed (" + typeName(error) + ")", false);
    }

    private static Failure classifyOne(Throwable t, String server) {
        if (t instanceof DeniedDestinationException denied) {
            // Berth's own refusal, not the cluster's failure: say so, with the address and network it refused.
            return new Failure(ClusterStatus.Unreachable, "Berth refused to connect for " + server + ": "
                    + denied.destination().getAddress().getHostAddress() + " is in the denied network "
                    + denied.network() + " (setting berth.clusters.denied-networks)", true);
        }
        if (t instanceof UnapprovedProxyException) {
            return new Failure(ClusterStatus.Unreachable, "Berth did not connect to " + server + ": " + t.getMessage(),
                    true);
        }
        if (t instanceof KubernetesClientException k && (k.getCode() == 401 || k.getCode() == 403)) {
            return new Failure(ClusterStatus.Unauthorized, "The API server at " + server + " refused the credentials (HTTP "
                    + k.getCode() + "); rotate them with PUT /api/v1/clusters/{name}/credentials", false);
        }
        if (t instanceof KubernetesClientException k && k.getCode() >= 500) {
            return new Failure(ClusterStatus.Unreachable, "The API server at " + server + " answered HTTP " + k.getCode(), false);
        }
        if (t instanceof SSLException || t instanceof CertificateException) {
            return new Failure(ClusterStatus.TLSError, "TLS handshake with " + server
                    + " failed: the server certificate does not match the kubeconfig's certificate authority or host name", false);
        }
        if (t instanceof UnknownHostException) {
            return new Failure(ClusterStatus.Unreachable, "The host name of " + server + " could not be resolved", false);
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return new Failure(ClusterStatus.Unreachable, "Connection to " + server + " was refused", true);
        }
        if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                || t.getClass().getSimpleName().contains("Timeout")) {
            return new Failure(ClusterStatus.Unreachable, "No answer from " + server + " in time", true);
        }
        return null;
    }
}
