package io.berth.engine.tree;

import java.time.Instant;

/**
 * One Kubernetes event about an object of a target.
 *
 * @param name      the Event object's name (unique in its namespace)
 * @param type      {@code Normal} or {@code Warning}
 * @param count     how many times it happened (1 when the event does not say)
 * @param firstTime when it first happened ({@code firstTimestamp}, else {@code eventTime}); may be {@code null}
 * @param lastTime  when it last happened: {@code lastTimestamp}, else the series' last observation,
 *                  {@code eventTime}, {@code firstTimestamp}, the Event's creation; what events are ordered by
 * @param source    the component that reported it ({@code reportingComponent}, else {@code source.component})
 */
public record EventNode(String namespace, String name, String type, String reason, String message, int count,
                        Instant firstTime, Instant lastTime, InvolvedObject object, String source) {
}
