package io.berth.server.database.embedded;

import java.util.List;

/** How the embedded server writes: the default keeps every commit across a host crash. */
public enum Durability {

    /** fsync, full page writes and synchronous commit on: what a record of truth needs. */
    DURABLE(List.of("fsync=on", "full_page_writes=on", "synchronous_commit=on")),

    /**
     * fsync, full page writes and synchronous commit off: a host crash may lose or corrupt data.
     * Only for test runs that throw their data away; Berth warns when it is used.
     */
    UNSAFE_FAST_FOR_TESTS(List.of("fsync=off", "full_page_writes=off", "synchronous_commit=off"));

    private final List<String> settings;

    Durability(List<String> settings) {
        this.settings = settings;
    }

    /** Server settings ({@code name=value}) given on the command line, so that no configuration file can change them. */
    List<String> settings() {
        return settings;
    }
}
