package io.berth.server.demo;

import io.berth.server.backups.BackupLocationService;

import io.berth.cluster.ClusterRegistry;
import io.berth.server.config.BerthProperties;
import io.berth.server.tokens.TokenService;
import io.berth.template.TemplateStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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

    @Bean
    static EmbeddedDatabaseOnly demoRefusesAnExternalDatabase() {
        return new EmbeddedDatabaseOnly();
    }

    /** Started here only when the profile was chosen without {@code --demo}, which starts it earlier ({@link DemoMode#prepare}). */
    @Bean(DemoMode.StartSimulatorEarly.BEAN)
    @ConditionalOnMissingBean
    SimulatorStartup demoSimulatorStartup(DemoSettings settings) {
        return SimulatorStartup.begin(settings.readinessDelay(), DemoClusters.names());
    }

    @Bean
    DemoSetup demoSetup(SimulatorStartup simulator, ClusterRegistry registry, TemplateStore templates, TokenService tokens,
                        BerthProperties properties, DemoSettings settings, Environment environment,
                        BackupLocationService backupLocations) {
        return new DemoSetup(simulator, new DemoClusters(registry), templates, new DemoAdminToken(tokens),
                properties.dataDir(), settings, environment, new DemoBackupLocation(backupLocations));
    }
}
