package io.berth.server.demo;

import io.berth.server.security.Caller;
import io.berth.server.security.Role;
import io.berth.server.tokens.TokenNotFoundException;
import io.berth.server.tokens.TokenService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's admin token, {@value #NAME}: made by the token service like any token, its value kept in
 * the demo's data directory so that every demo start can print it (Berth itself stores only a hash).
 * A file that is missing, or whose token the database does not know, gets a new token.
 */
final class DemoAdminToken {

    static final String NAME = "demo-admin";
    static final String FILE = "admin-token";

    /** The demo acts as a platform admin of its own. */
    private static final Caller DEMO = Caller.token(DemoClusters.CREATED_BY, Role.admin);

    private final TokenService tokens;

    DemoAdminToken(TokenService tokens) {
        this.tokens = tokens;
    }

    /** The token's value, from the data directory, or newly made and written there. */
    String ensure(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        String kept = read(file);
        if (kept != null && tokens.authenticate(kept).filter(t -> t.role() == Role.admin).isPresent()) {
            return kept;
        }
        try {
            tokens.delete(DEMO, NAME);
        } catch (TokenNotFoundException none) {
            // a first start
        }
        String secret = tokens.create(NAME, Role.admin, null, null, DEMO).token();
        PrivateFiles.write(file, secret + "\n");
        return secret;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
