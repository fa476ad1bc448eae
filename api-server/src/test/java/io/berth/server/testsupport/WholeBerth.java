package io.berth.server.testsupport;

import io.berth.server.BerthApplication;
import io.berth.server.database.embedded.EmbeddedPostgresServer;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole Berth applications started by a test itself (not the shared test context), as separate
 * processes would be: several at once on one database, or one stopped and started again.
 */
public final class WholeBerth {

    private WholeBerth() {
    }

    /** Starts Berth with these settings, given as command-line arguments: they outrank application.yml, as the environment would. */
    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(BerthApplication.class).run(args);
    }

    /** These settings, pointed at the embedded PostgreSQL another Berth started: a second replica on its database. */
    public static Map<String, Object> onDatabaseOf(ConfigurableApplicationContext first, Map<String, Object> properties) {
        EmbeddedPostgresServer postgres = first.getBean(EmbeddedPostgresServer.class);
        Map<String, Object> external = new HashMap<>(properties);
        external.put("spring.datasource.url", postgres.jdbcUrl());
        external.put("spring.datasource.username", postgres.username());
        external.put("spring.datasource.password", postgres.password());
        return external;
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static Api api(ConfigurableApplicationContext context) {
        return new Api(port(context));
    }
}
