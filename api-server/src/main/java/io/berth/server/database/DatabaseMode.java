package io.berth.server.database;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Whether Berth runs on its own embedded PostgreSQL or on a server it was pointed at. The one place
 * that decides: {@code spring.datasource.url} (set directly, through {@code SPRING_DATASOURCE_URL},
 * or through {@code BERTH_DATABASE_URL}) means external.
 */
public final class DatabaseMode {

    private DatabaseMode() {
    }

    public static boolean isEmbedded(Environment environment) {
        return !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    /** The URL without its query string, which may carry a user name or password. */
    public static String describe(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
