package io.berth.server.bench.suite;

import io.berth.server.BerthApplication;
import io.berth.server.testsupport.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * A whole Berth in the benchmark's JVM, on its embedded PostgreSQL in a data directory of its own
 * (deleted on close), with the admin token {@link #TOKEN}. Settings are Berth's defaults unless given.
 */
public final class BenchBerth implements AutoCloseable {

    public static final String TOKEN = "berth_bench-admin-token-0123456789abcdefghij";

    private final ConfigurableApplicationContext context;
    private final Path data;
    private final int port;

    private BenchBerth(ConfigurableApplicationContext context, Path data) {
        this.context = context;
        this.data = data;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts Berth with the settings given ({@code name -> value}) on top of its defaults. */
    public static BenchBerth start(Map<String, String> settings) throws IOException {
        Path data = Files.createTempDirectory("berth-bench-");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--berth.data-dir=" + data,
                "--berth.bootstrap-token=" + TOKEN, "--logging.level.root=WARN"));
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new BenchBerth(new SpringApplicationBuilder(BerthApplication.class).run(args.toArray(String[]::new)), data);
    }

    public int port() {
        return port;
    }

    public Api api() {
        return new Api(port);
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The running application context, for a benchmark that adds to it (the read benchmark's floor). */
    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() throws IOException {
        try {
            context.close();
        } finally {
            FileSystemUtils.deleteRecursively(data);
        }
    }
}
