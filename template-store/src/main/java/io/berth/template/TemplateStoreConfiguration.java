package io.berth.template;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds the template store's settings and owns the Helm worker processes (stopped with the context). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemplateStoreSettings.class)
public class TemplateStoreConfiguration {

    @Bean(destroyMethod = "close")
    HelmWorkers helmWorkers(TemplateStoreSettings settings) {
        return new HelmWorkers(settings.helm().limits());
    }
}
