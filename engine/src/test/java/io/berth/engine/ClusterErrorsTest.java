package io.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ClusterErrorsTest {

    @Test
    void carriesTheClustersOwnMessageWhenItAnswered() {
        KubernetesClientException refused = new KubernetesClientException("Failure executing: PATCH at: https://cluster/apis/apps/v1/...",
                422, new StatusBuilder().withCode(422).withReason("Invalid")
                .withMessage("StatefulSet.apps \"web\" is invalid: spec.selector: Required value").build());

        assertThat(ClusterErrors.explain(refused)).isEqualTo("StatefulSet.apps \"web\" is invalid: spec.selector: Required value (HTTP 422)");
    }

    @Test
    void neverQuotesTheClustersMessageAboutASecret() {
        KubernetesClientException refused = new KubernetesClientException("Failure executing: PATCH", 422,
                new StatusBuilder().withCode(422).withReason("Invalid")
                        .withMessage("Secret \"db\" is invalid: data[password]: Invalid value: \"hunter2\"").build());

        String explained = ClusterErrors.explain(refused, new ObjectRef("v1", "Secret", "shop", "db"));

        assertThat(explained).doesNotContain("hunter2").contains("HTTP 422").contains("Invalid");
        assertThat(ClusterErrors.explain(refused, new ObjectRef("v1", "ConfigMap", "shop", "db"))).contains("hunter2");
    }

    @Test
    void fallsBackToTheInnermostCauseWhenTheClusterDidNotAnswer() {
        KubernetesClientException unreachable = new KubernetesClientException("Operation: [patch] failed.",
                new IOException("Connection refused: localhost/127.0.0.1:6443", new ConnectException("Connection refused")));

        assertThat(ClusterErrors.explain(unreachable)).isEqualTo("Connection refused");
    }
}
