package io.berth.server.resources;

import io.berth.engine.ObjectRef;
import io.berth.engine.health.CustomHealthRule;
import java.util.List;
import java.util.Map;

/**
 * One target of an application as Berth recorded it.
 *
 * @param revisionApplied the revision last applied there; {@code null} before the first success
 * @param objects         the objects Berth applied there, in apply order
 * @param rules           the health rules by kind of the template version of {@code revisionApplied}
 */
public record DeployedTarget(String cluster, String namespace, Integer revisionApplied, List<ObjectRef> objects,
                             Map<String, CustomHealthRule> rules) {

    public DeployedTarget {
        objects = List.copyOf(objects);
        rules = Map.copyOf(rules);
    }
}
