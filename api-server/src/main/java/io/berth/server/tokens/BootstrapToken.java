package io.berth.server.tokens;

import io.berth.server.config.BerthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * On a first start (no token at all), creates the admin token {@code bootstrap-admin}: the value of
 * {@code BERTH_BOOTSTRAP_TOKEN} if set, otherwise a generated one printed once in the log. It is never
 * printed again: later starts find a token and do nothing.
 */
@Component
class BootstrapToken implements ApplicationRunner {

    static final String NAME = "bootstrap-admin";
    private static final Logger log = LoggerFactory.getLogger(BootstrapToken.class);

    private final TokenService tokens;
    private final BerthProperties properties;

    BootstrapToken(TokenService tokens, BerthProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String chosen = properties.bootstrapToken();
        boolean given = StringUtils.hasText(chosen);
        if (given && chosen.trim().length() < TokenSecrets.MIN_CHOSEN_LENGTH) {
            throw new IllegalStateException("BERTH_BOOTSTRAP_TOKEN must be at least " + TokenSecrets.MIN_CHOSEN_LENGTH
                    + " characters long; generate one with: openssl rand -base64 32");
        }
        String secret = given ? chosen.trim() : TokenSecrets.generate();
        if (!tokens.bootstrap(NAME, secret)) {
            return;
        }
        if (given) {
            log.info("No API token existed: created admin token '{}' from BERTH_BOOTSTRAP_TOKEN", NAME);
        } else {
            log.warn("No API token existed: created admin token '{}'. It is shown this once; store it now:", NAME);
            log.warn("BERTH BOOTSTRAP ADMIN TOKEN: {}", secret);
        }
    }
}
