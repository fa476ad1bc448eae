package io.berth.server.applications;

import java.util.List;
import java.util.Map;

/** A revision rendered for one target, replica overrides applied, in apply order. */
public record RenderedTarget(Target target, List<Map<String, Object>> objects, List<Workload> workloads) {
}
