package io.berth.engine.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an event is about, as its {@code involvedObject} names it.
 *
 * @param uid {@code null} when the event, or the tree, does not know it
 */
public record InvolvedObject(String kind, String name, String uid) {

    /** Every object of a tree, with its pods and claims: what a target's events may be about. */
    public static List<InvolvedObject> of(List<ObjectNode> tree) {
        List<InvolvedObject> all = new ArrayList<>();
        for (ObjectNode object : tree) {
            all.add(new InvolvedObject(object.kind(), object.name(), object.uid()));
            object.pods().forEach(pod -> all.add(new InvolvedObject("Pod", pod.name(), pod.uid())));
            object.claims().forEach(claim -> all.add(new InvolvedObject("PersistentVolumeClaim", claim.name(), claim.uid())));
        }
        return all;
    }

    /**
     * Whether an event's object is this one: same kind and name, and the same uid when both know it (an
     * event about an earlier object of the same name is not about this one). An object that is gone has
     * no uid here, so the events of its last incarnation still count.
     */
    public boolean matches(InvolvedObject other) {
        return kind.equals(other.kind) && name.equals(other.name)
                && (uid == null || other.uid == null || Objects.equals(uid, other.uid));
    }
}
