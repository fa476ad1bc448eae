package io.berth.server.security;

import io.berth.server.web.ApiExceptionHandler;
import io.berth.server.web.ProblemType;
import io.berth.server.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Bearer tokens on {@code /api/v1/**}: Berth's own, or, with single sign-on configured, JWTs of the
 * organisation's identity provider (or a single-use ticket on the stream paths); health, the OpenAPI
 * document and Swagger UI are open; anything else is refused. Browsers on the origins named in
 * {@code berth.cors.allowed-origins} may call the API; a preflight needs no token. Roles are checked per operation with {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties({CorsSettings.class, OidcSettings.class})
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, TokenAuthenticator tokens, StreamTicketRedeemer tickets,
                                   ProblemWriter problems, CorsSettings cors, ObjectProvider<JwtDecoder> jwtDecoder,
                                   OidcSettings oidc, GroupRoles groupRoles) throws Exception {
        BearerChallenge challenge = new BearerChallenge(problems);
        // single sign-on is on when Spring has a JWT decoder: an issuer or a JWK set URI is configured
        JwtDecoder jwts = jwtDecoder.getIfAvailable();
        if (jwts != null) {
            http.oauth2ResourceServer(server -> server
                    .bearerTokenResolver(new JwtBearerTokens())
                    .authenticationEntryPoint(challenge)
                    .jwt(jwt -> jwt.decoder(new OutageAwareJwtDecoder(jwts)).jwtAuthenticationConverter(new JwtCallers(oidc, groupRoles)))
                    .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                        @Override
                        public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                            filter.setAuthenticationFailureHandler(challenge);
                            return filter;
                        }
                    }));
        }
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
                .addFilterBefore(new TokenAuthenticationFilter(tokens, problems, jwts != null), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new StreamTicketAuthenticationFilter(tickets), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(challenge)
                        .accessDeniedHandler((request, response, e) -> problems.write(ProblemType.FORBIDDEN,
                                ApiExceptionHandler.ROLE_DOES_NOT_ALLOW, request, response)));
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
