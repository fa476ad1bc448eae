package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The API server's part for CustomResourceDefinitions: a new CRD gets the {@code NamesAccepted} and
 * {@code Established} conditions (True) and its accepted names, as a real server does within moments.
 * Clients that install a CRD wait for {@code Established} before creating custom resources of it.
 * Name conflicts between CRDs are not checked.
 */
public final class CustomResourceDefinitionController implements Controller {

    private final SimContext context;

    public CustomResourceDefinitionController(SimContext context) {
        this.context = context;
    }

    @Override
    public String resource() {
        return "customresourcedefinitions";
    }

    @Override
    public void reconcile(ObjectKey key) {
        var crds = context.client().apiextensions().v1().customResourceDefinitions();
        CustomResourceDefinition crd = crds.withName(key.name()).get();
        if (crd == null || crd.getMetadata().getDeletionTimestamp() != null || established(crd)) {
            return;
        }
        CustomResourceDefinitionStatus status = crd.getStatus() != null ? crd.getStatus() : new CustomResourceDefinitionStatus();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        status.setAcceptedNames(crd.getSpec().getNames());
        status.setConditions(List.of(condition("NamesAccepted", "NoConflicts", now),
                condition("Established", "InitialNamesAccepted", now)));
        status.setStoredVersions(crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
                .map(v -> v.getName()).toList());
        crd.setStatus(status);
        crds.resource(crd).updateStatus();
    }

    static boolean established(CustomResourceDefinition crd) {
        return crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static CustomResourceDefinitionCondition condition(String type, String reason, String now) {
        return new CustomResourceDefinitionConditionBuilder().withType(type).withStatus("True").withReason(reason)
                .withLastTransitionTime(now).build();
    }
}
