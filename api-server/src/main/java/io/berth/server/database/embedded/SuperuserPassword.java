package io.berth.server.database.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded server's superuser password: generated once (256 random bits), kept in a file that
 * only Berth's user can read (mode 0600), never logged. Anyone who can read that file can also read
 * the database files themselves, so it protects against other local users, not against Berth's own.
 */
final class SuperuserPassword {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SuperuserPassword() {
    }

    /** The password in the file, created first if there is none; the file is made 0600 if it was not. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.length() < 20) {
            throw new IOException("The embedded database's password file " + file + " is damaged (too short)");
        }
        return password;
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path scratch = Files.createTempFile(file.getParent(), ".postgres-password-", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(scratch, password + "\n", StandardCharsets.US_ASCII, StandardOpenOption.SYNC);
        try {
            // a link, not a move, so that a password another process created meanwhile is never replaced
            Files.createLink(file, scratch);
        } catch (FileAlreadyExistsException raced) {
            // the other one is kept
        } finally {
            Files.delete(scratch);
        }
    }
}
