package io.berth.server.deploy;

/** How ready one live workload is, as {@link WorkloadReadiness#judge} sees it. */
public sealed interface Readiness {

    /** Why, in words for an operator (empty for {@link Ready}). */
    String reason();

    /** All its replicas are up to date and ready, or its health rule says healthy. */
    record Ready() implements Readiness {
        @Override
        public String reason() {
            return "";
        }
    }

    /** On its way (or stuck): not ready yet, but nothing says it failed. */
    record NotReady(String reason) implements Readiness {
    }

    /** Its health rule says degraded: waiting longer will not help. */
    record Failed(String reason) implements Readiness {
    }

    /** No rule could judge it (e.g. a status value the template's hint does not list); never counted as ready. */
    record Unknown(String reason) implements Readiness {
    }

    static Readiness ready() {
        return new Ready();
    }
}
