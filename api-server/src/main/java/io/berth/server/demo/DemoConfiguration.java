package io.berth.server.demo;

import io.berth.cluster.ClusterRegistry;
import io.berth.server.config.BerthProperties;
import io.berth.server.tokens.TokenService;
import io.berth.template.TemplateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/** The demo's beans: present only with the {@value DemoMode#PROFILE} profile. */
@Configuration(proxyBeanMethods = false)
@Profile(DemoMode.PROFILE)
@EnableConfigurationProperties(DemoSettings.class)
class DemoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

    @Bean(destroyMethod = "close")
    ClusterSimulator demoSimulator(DemoSettings settings) {
        SimulatorLoader.Found found = SimulatorLoader.find();
        log.info("Demo: simulated clusters from {} (readiness delay {})", found.from(), settings.readinessDelay());
        return found.factory().start(settings.readinessDelay());
    }

    @Bean
    DemoSetup demoSetup(ClusterSimulator simulator, ClusterRegistry registry, TemplateStore templates, TokenService tokens,
                        BerthProperties properties, Environment environment) {
        return new DemoSetup(simulator, new DemoClusters(registry), templates, new DemoAdminToken(tokens),
                properties.dataDir(), environment);
    }
}
