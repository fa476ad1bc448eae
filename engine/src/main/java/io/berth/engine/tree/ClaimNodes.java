package io.berth.engine.tree;

import io.berth.engine.Workloads;
import io.berth.engine.health.HealthJudge;
import io.berth.engine.health.LiveObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PersistentVolumeClaims of a StatefulSet: those named {@code <template>-<set>-<n>} for its claim
 * templates, as its controller names them. A claim whose ordinal is at or above the set's replicas was
 * left by a scale-down, and a claim of a set that is gone was left by its deletion: both are retained,
 * kept for their data — never drift, never pruned. Pure.
 */
final class ClaimNodes {

    /** A claim template's name is a DNS label; the set's name follows it. */
    private static final String TEMPLATE = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    private ClaimNodes() {
    }

    /** The claims of a StatefulSet on the cluster, from its claim templates, by template then ordinal. */
    static List<ClaimNode> ofStatefulSet(Map<String, Object> set, List<Map<String, Object>> claims) {
        String setName = Trees.text(set, "metadata.name");
        Integer asked = Workloads.replicasAt(set, "spec.replicas");
        int replicas = asked == null ? 1 : asked; // the API server's default
        String because = "kept after scale-down: StatefulSet " + setName + " has " + replicas
                + (replicas == 1 ? " replica" : " replicas");
        List<ClaimNode> found = new ArrayList<>();
        for (String template : claimTemplates(set)) {
            for (Map<String, Object> claim : claims) {
                Integer ordinal = Ordinals.after(template + "-" + setName, Trees.text(claim, "metadata.name"));
                if (ordinal != null && madeBy(claim, setName)) {
                    boolean retained = ordinal >= replicas;
                    found.add(node(claim, template, ordinal, retained, retained ? because : null));
                }
            }
        }
        return sorted(found);
    }

    /**
     * The claims a StatefulSet that is gone left behind: its claim templates cannot be read any more, so
     * every claim named {@code <any template>-<set>-<n>} counts. The caller passes only the claims no
     * StatefulSet on the cluster explains, so a claim of set {@code db-web} is not taken for one of {@code web}.
     */
    static List<ClaimNode> leftBy(String setName, List<Map<String, Object>> claims) {
        Pattern made = Pattern.compile("(" + TEMPLATE + ")-" + Pattern.quote(setName) + "-([0-9]+)");
        List<ClaimNode> found = new ArrayList<>();
        for (Map<String, Object> claim : claims) {
            String name = Trees.text(claim, "metadata.name");
            Matcher matcher = name == null ? null : made.matcher(name);
            if (matcher != null && matcher.matches() && madeBy(claim, setName)) {
                String template = matcher.group(1);
                Integer ordinal = Ordinals.after(template + "-" + setName, name);
                if (ordinal != null) {
                    found.add(node(claim, template, ordinal, true, "kept after StatefulSet " + setName + " was deleted"));
                }
            }
        }
        return sorted(found);
    }

    /** The names of the set's claim templates, in the set's order. */
    static List<String> claimTemplates(Map<String, Object> set) {
        if (!(Workloads.valueAt(set, "spec.volumeClaimTemplates") instanceof List<?> templates)) {
            return List.of();
        }
        return templates.stream().filter(t -> t instanceof Map<?, ?>)
                .map(t -> Workloads.valueAt(cast(t), "metadata.name")).filter(Objects::nonNull).map(Object::toString)
                .toList();
    }

    /** False only when another object controls the claim (a claim is controlled by its set, if at all). */
    private static boolean madeBy(Map<String, Object> claim, String setName) {
        Map<?, ?> controller = Trees.controller(claim);
        return controller == null || ("StatefulSet".equals(controller.get("kind")) && setName.equals(controller.get("name")));
    }

    private static ClaimNode node(Map<String, Object> claim, String template, int ordinal, boolean retained, String because) {
        Object capacity = Workloads.valueAt(claim, "status.capacity.storage");
        return new ClaimNode(Trees.text(claim, "metadata.name"), Trees.text(claim, "metadata.uid"), template, ordinal,
                Trees.text(claim, "status.phase"), capacity == null ? null : quantity(capacity),
                Trees.text(claim, "spec.storageClassName"), retained, because,
                HealthJudge.judge(LiveObject.of(Trees.asKind(claim, "v1", "PersistentVolumeClaim"))).health(),
                Trees.instant(claim, "metadata.creationTimestamp"));
    }

    /** A quantity as Kubernetes writes it ({@code 1Gi}), whether the tree holds it as text or as {amount, format}. */
    private static String quantity(Object value) {
        if (value instanceof Map<?, ?> parts && parts.get("amount") != null) {
            return parts.get("amount") + Objects.toString(parts.get("format"), "");
        }
        return value.toString();
    }

    private static List<ClaimNode> sorted(List<ClaimNode> claims) {
        return claims.stream().sorted(Comparator.comparing(ClaimNode::template).thenComparingInt(ClaimNode::ordinal)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
