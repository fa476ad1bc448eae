package io.berth.server.security;

import io.berth.server.web.ApiExceptionHandler;
import io.berth.server.web.ProblemType;
import io.berth.server.web.ProblemWriter;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The actuator's endpoints, before the API's rules: health is open, as ever; the Prometheus scrape
 * needs a token whose role includes {@code metrics}, unless the actuator has a port of its own
 * ({@code management.server.port}), where it is open: that port is for scrapers, and is never published
 * where the API is. Every other actuator endpoint is refused. The endpoint matchers follow the actuator
 * wherever it is served, so that with a port of its own the API's port serves none of it.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, TokenAuthenticator tokens, ProblemWriter problems,
                                         Environment environment) throws Exception {
        boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(EndpointRequest.to("health")).permitAll();
                    var scrape = requests.requestMatchers(EndpointRequest.to("prometheus"));
                    if (ownPort) {
                        scrape.permitAll();
                    } else {
                        scrape.hasRole(Role.metrics.name().toUpperCase());
                    }
                    requests.anyRequest().denyAll();
                })
                .addFilterBefore(new TokenAuthenticationFilter(tokens, problems, false), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(ProblemType.UNAUTHENTICATED,
                                TokenAuthenticationFilter.failureOf(request), request, response))
                        .accessDeniedHandler((request, response, e) -> problems.write(ProblemType.FORBIDDEN,
                                ApiExceptionHandler.ROLE_DOES_NOT_ALLOW, request, response)));
        return http.build();
    }
}
