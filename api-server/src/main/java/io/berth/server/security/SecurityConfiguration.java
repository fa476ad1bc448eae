package io.berth.server.security;

import io.berth.server.web.ProblemType;
import io.berth.server.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Bearer tokens on {@code /api/v1/**} (or a single-use ticket on the stream paths); health, the OpenAPI
 * document and Swagger UI are open; anything else is refused. Browsers on the origins named in
 * {@code berth.cors.allowed-origins} may call the API; a preflight needs no token. Roles are checked per operation with {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(CorsSettings.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, TokenAuthenticator tokens, StreamTicketRedeemer tickets,
                                   ProblemWriter problems, CorsSettings cors) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(configurer -> configurer.disable()) // ours, below: refusals are problem documents
                .addFilterAfter(CorsFilters.of(cors, problems), HeaderWriterFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
                        // a metrics token (a scraper's) reads nothing here, whatever an endpoint's own check says
                        .requestMatchers("/api/v1/**").hasRole("VIEWER")
                        .anyRequest().denyAll())
                .addFilterBefore(new TokenAuthenticationFilter(tokens, problems), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new StreamTicketAuthenticationFilter(tickets), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(ProblemType.UNAUTHENTICATED,
                                TokenAuthenticationFilter.failureOf(request), request, response))
                        .accessDeniedHandler((request, response, e) -> problems.write(ProblemType.FORBIDDEN,
                                "Your token's role does not allow this request", request, response)));
        return http.build();
    }

    /**
     * No observation (timer, trace span) per security filter and per authorization: every request went
     * through about a dozen of them, about 6 % of the request threads' CPU in the reads benchmark (Micrometer's
     * share of their samples went from 12 % to 6 %). Requests are still timed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** No user accounts exist: this stops Spring Boot from generating a default user and password. */
    @Bean
    UserDetailsService noUsers() {
        return username -> {
            throw new UsernameNotFoundException("Berth has no user accounts; use a bearer token");
        };
    }
}
