package io.berth.engine.tree;

import io.berth.engine.ObjectRef;
import io.berth.engine.health.Assessment;
import io.berth.engine.health.CustomHealthRule;
import io.berth.engine.health.HealthJudge;
import io.berth.engine.health.LiveObject;
import io.berth.engine.health.LiveReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the objects Berth applied on one target, live, into {@link ObjectNode}s: each object with its
 * health (by {@link HealthJudge}, from what {@link LiveReader} reads), its summary, its pods (a StatefulSet's
 * or Deployment's by its selector, a custom resource's by owner reference to its uid) and a StatefulSet's
 * claims, retained ones included. An object that is gone is a {@code Missing} node; a StatefulSet that is
 * gone still shows the claims it left. Stateless; failed calls are thrown (a
 * {@link io.fabric8.kubernetes.client.KubernetesClientException}), so the caller can say the cluster could
 * not be read rather than show half a tree.
 */
public final class ResourceTreeReader {

    private final LiveReader reader = new LiveReader();

    /**
     * @param applied     the objects Berth applied on the target, in the order to show them (apply order)
     * @param rulesByKind the template's health rules by kind, for the revision applied there
     */
    public List<ObjectNode> read(KubernetesClient client, List<ObjectRef> applied, Map<String, CustomHealthRule> rulesByKind) {
        NamespaceListing listing = new NamespaceListing(client);
        List<Seen> seen = new ArrayList<>();
        for (ObjectRef ref : applied) {
            seen.add(new Seen(ref, reader.read(client, ref, rulesByKind.get(ref.kind())).orElse(null)));
        }
        Map<ObjectRef, List<ClaimNode>> claims = claimsOfStatefulSets(seen, listing);
        return seen.stream().map(s -> s.live == null ? ObjectNode.missing(s.ref, claims.getOrDefault(s.ref, List.of()))
                : node(s.ref, s.live, claims.getOrDefault(s.ref, List.of()), listing)).toList();
    }

    /** One applied object and what was read of it; {@code live} is null when it is gone. */
    private record Seen(ObjectRef ref, LiveObject live) {
    }

    private static ObjectNode node(ObjectRef ref, LiveObject live, List<ClaimNode> claims, NamespaceListing listing) {
        Map<String, Object> object = live.object();
        boolean judged = HealthJudge.carriesHealth(ref.apiVersion(), ref.kind(), live.rule() != null);
        Assessment assessment = judged ? HealthJudge.judge(live) : null;
        return new ObjectNode(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name(), Trees.text(object, "metadata.uid"),
                assessment == null ? null : assessment.health(), assessment == null ? null : assessment.reason(),
                Trees.instant(object, "metadata.creationTimestamp"), Summaries.of(live), pods(ref, live, listing), claims);
    }

    private static List<PodNode> pods(ObjectRef ref, LiveObject live, NamespaceListing listing) {
        List<Map<String, Object>> pods;
        if (HealthJudge.judgesPods(ref.apiVersion(), ref.kind())) {
            pods = live.pods();
        } else if (HealthJudge.isCustomResource(ref.apiVersion()) && ref.namespace() != null) {
            String uid = Trees.text(live.object(), "metadata.uid");
            pods = listing.pods(ref.namespace()).stream().filter(pod -> Trees.ownedBy(pod, uid)).toList();
        } else {
            return List.of();
        }
        String statefulSet = isStatefulSet(ref) ? ref.name() : null;
        return pods.stream().map(pod -> PodNodes.of(pod, statefulSet))
                .sorted(Comparator.comparing(PodNode::ordinal, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(PodNode::name, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /**
     * The claims of each StatefulSet: first those of the sets on the cluster, by their claim templates;
     * then, for the sets that are gone, the claims no set on the cluster explains.
     */
    private static Map<ObjectRef, List<ClaimNode>> claimsOfStatefulSets(List<Seen> seen, NamespaceListing listing) {
        Map<ObjectRef, List<ClaimNode>> claims = new HashMap<>();
        Set<String> explained = new HashSet<>();
        for (Seen set : seen) {
            if (isStatefulSet(set.ref) && set.live != null && !ClaimNodes.claimTemplates(set.live.object()).isEmpty()) {
                List<ClaimNode> own = ClaimNodes.ofStatefulSet(set.live.object(), listing.claims(set.ref.namespace()));
                own.forEach(c -> explained.add(set.ref.namespace() + "/" + c.name()));
                claims.put(set.ref, own);
            }
        }
        for (Seen set : seen) {
            if (isStatefulSet(set.ref) && set.live == null) {
                List<Map<String, Object>> unexplained = listing.claims(set.ref.namespace()).stream()
                        .filter(c -> !explained.contains(set.ref.namespace() + "/" + Trees.text(c, "metadata.name"))).toList();
                claims.put(set.ref, ClaimNodes.leftBy(set.ref.name(), unexplained));
            }
        }
        return claims;
    }

    private static boolean isStatefulSet(ObjectRef ref) {
        return "apps".equals(ref.group()) && "StatefulSet".equals(ref.kind()) && Objects.nonNull(ref.namespace());
    }
}
