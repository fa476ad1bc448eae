package io.berth.template;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the template store's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemplateStoreSettings.class)
public class TemplateStoreConfiguration {
}
