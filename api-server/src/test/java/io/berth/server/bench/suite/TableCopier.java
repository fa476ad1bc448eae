package io.berth.server.bench.suite;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills a table with copies of rows Berth wrote itself, in one {@code insert ... select}: the columns
 * named are given new values (SQL expressions over the query's aliases), every other column is copied
 * from the source alias. The column list is read from the database, so a migration that adds a column
 * does not break the benchmark's data.
 */
final class TableCopier {

    private final JdbcClient jdbc;

    TableCopier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code insert into table (...) select <new values or source.column> from <from>}, with named
     * parameters; gives the number of rows inserted.
     */
    int copy(String table, String source, Map<String, String> newValues, String from, Map<String, Object> params) {
        List<String> columns = jdbc.sql("""
                        select column_name from information_schema.columns
                        where table_schema = current_schema() and table_name = :table order by ordinal_position""")
                .param("table", table).query(String.class).list();
        if (!columns.containsAll(newValues.keySet())) {
            throw new IllegalArgumentException(table + " has no column among " + newValues.keySet() + ": it has " + columns);
        }
        String values = columns.stream().map(c -> newValues.getOrDefault(c, source + "." + c)).collect(Collectors.joining(", "));
        JdbcClient.StatementSpec insert = jdbc.sql("insert into " + table + " (" + String.join(", ", columns) + ") select "
                + values + " from " + from);
        for (Map.Entry<String, Object> param : params.entrySet()) {
            insert = insert.param(param.getKey(), param.getValue());
        }
        return insert.update();
    }
}
