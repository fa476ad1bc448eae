package io.berth.server.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo, under {@code berth.demo}.
 *
 * @param readinessDelay how long a simulated pod takes to become Ready: long enough to watch a rollout
 *                       or a member being replaced, short enough not to wait for it
 */
@ConfigurationProperties("berth.demo")
public record DemoSettings(@DefaultValue("1s") Duration readinessDelay) {
}
