/**
 * Which PostgreSQL Berth uses: the embedded one (the default, for newcomers and tests) or an
 * external server named by {@code SPRING_DATASOURCE_URL} / {@code BERTH_DATABASE_URL}; and the column
 * conversions the {@code JdbcClient} stores share.
 */
package io.berth.server.database;
