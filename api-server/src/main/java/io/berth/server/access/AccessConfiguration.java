package io.berth.server.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the project check in front of every API handler. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration implements WebMvcConfigurer {

    private final ProjectAccessInterceptor projectAccess;

    AccessConfiguration(ProjectAccessInterceptor projectAccess) {
        this.projectAccess = projectAccess;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(projectAccess).addPathPatterns("/api/v1/**");
    }
}
