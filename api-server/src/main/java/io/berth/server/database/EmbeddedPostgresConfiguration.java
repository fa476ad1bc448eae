package io.berth.server.database;

import com.zaxxer.hikari.HikariDataSource;
import io.berth.server.config.BerthProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no database configured, Berth starts a real PostgreSQL from bundled binaries and keeps its
 * data under {@code <data-dir>/postgres}, so that it survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(BerthProperties properties) throws IOException {
        Path directory = properties.dataDir().resolve("postgres").toAbsolutePath();
        Files.createDirectories(directory.getParent());
        log.info("No database configured (SPRING_DATASOURCE_URL or BERTH_DATABASE_URL): starting embedded PostgreSQL, data in {}",
                directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false);
        if (properties.embeddedDatabasePort() > 0) {
            builder.setPort(properties.embeddedDatabasePort());
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL is running on port {}", postgres.getPort());
        return postgres;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("berth-embedded");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
