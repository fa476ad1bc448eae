package io.berth.server.database;

import com.zaxxer.hikari.HikariDataSource;
import io.berth.server.database.embedded.EmbeddedPostgresServer;
import io.berth.server.database.embedded.EmbeddedServerSettings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no database configured, Berth runs a real PostgreSQL from bundled binaries with its data
 * under {@code <data-dir>/postgres}, so that it survives restarts (see {@code database.embedded}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        EmbeddedDatabaseProperties.EmbeddedDatabase embedded = properties.embeddedDatabase();
        EmbeddedServerSettings settings = new EmbeddedServerSettings(properties.dataDir(), embedded.port(),
                embedded.durability(), embedded.startupTimeout(), embedded.stopTimeout());
        log.info("No database configured (SPRING_DATASOURCE_URL or BERTH_DATABASE_URL): starting embedded PostgreSQL, data in {}",
                properties.dataDir().toAbsolutePath().normalize().resolve("postgres"));
        return EmbeddedPostgresServer.start(settings);
    }

    /** The pool is configured by {@code spring.datasource.hikari.*}, as for an external database. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.username());
        dataSource.setPassword(postgres.password());
        dataSource.setPoolName("berth-embedded");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
