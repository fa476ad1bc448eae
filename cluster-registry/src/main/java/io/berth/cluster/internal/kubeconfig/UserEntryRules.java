package io.berth.cluster.internal.kubeconfig;

import tools.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rules for the selected context's user entry: the credential must be carried in the kubeconfig itself,
 * never obtained by running a command or reading a file on the Berth server.
 */
final class UserEntryRules {

    static final String LIST = "users";

    private static final String PEM_PRIVATE_KEY_END = "PRIVATE KEY-----";
    private static final String FILE_REFERENCE =
            "file references are not allowed; inline as client-certificate-data / client-key-data / token";

    /** Keys refused outright, with the reason. Ordered so problems come out in a stable order. */
    private static final Map<String, String> REFUSED = refused();
    private static final Set<String> ALLOWED = Set.of("token", "username", "password",
            "client-certificate-data", "client-key-data",
            "as", "as-uid", "as-groups", "as-user-extra", "extensions");

    private final String name;
    private final ObjectNode user;
    private final Problems problems;

    private UserEntryRules(String name, ObjectNode user, Problems problems) {
        this.name = name;
        this.user = user;
        this.problems = problems;
    }

    static void check(String name, ObjectNode user, Problems problems) {
        UserEntryRules rules = new UserEntryRules(name, user, problems);
        EntryChecks.refuseUnknownKeys(LIST, name, user, ALLOWED, REFUSED.keySet(), problems);
        REFUSED.forEach((key, reason) -> {
            if (user.has(key)) {
                problems.add(rules.field(key), reason);
            }
        });
        rules.checkCredentials();
    }

    private static Map<String, String> refused() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("exec", "exec credential plugins are not allowed: they would run a command on the Berth server;"
                + " use a token or client certificate");
        refused.put("auth-provider", "auth-provider plugins are not allowed: they would run code and read local"
                + " files on the Berth server; use a token or client certificate");
        refused.put("tokenFile", FILE_REFERENCE);
        refused.put("token-file", FILE_REFERENCE);
        refused.put("client-certificate", FILE_REFERENCE);
        refused.put("client-key", FILE_REFERENCE);
        return Collections.unmodifiableMap(refused);
    }

    /** Every credential present is checked; at least one complete credential is required. */
    private void checkCredentials() {
        boolean token = EntryChecks.nonEmptyString(user, "token", field("token"), problems).isPresent();
        boolean certificate = checkPemData("client-certificate-data", EntryChecks.PEM_CERTIFICATE, "a PEM certificate");
        boolean key = checkPemData("client-key-data", PEM_PRIVATE_KEY_END, "a PEM private key");
        boolean username = EntryChecks.nonEmptyString(user, "username", field("username"), problems).isPresent();
        boolean password = EntryChecks.nonEmptyString(user, "password", field("password"), problems).isPresent();
        checkPair(user.has("client-certificate-data"), "client-certificate-data",
                user.has("client-key-data"), "client-key-data");
        if (!token && !(certificate && key) && !(username && password)) {
            problems.add(Fields.entry(LIST, name), "has no usable credential: set token, client-certificate-data"
                    + " with client-key-data, or username with password");
        }
    }

    /** True when the key holds base64 data that contains {@code marker}; adds a problem when it is present but not. */
    private boolean checkPemData(String key, String marker, String what) {
        String field = field(key);
        Optional<byte[]> decoded = EntryChecks.base64(user, key, field, problems);
        if (decoded.isPresent() && !EntryChecks.contains(decoded.get(), marker)) {
            problems.add(field, "must hold " + what + ", base64-encoded");
            return false;
        }
        return decoded.isPresent();
    }

    private void checkPair(boolean hasFirst, String first, boolean hasSecond, String second) {
        if (hasFirst && !hasSecond) {
            problems.add(field(second), first + " is set but " + second + " is missing; both are needed");
        } else if (hasSecond && !hasFirst) {
            problems.add(field(first), second + " is set but " + first + " is missing; both are needed");
        }
    }

    private String field(String key) {
        return Fields.entryField(LIST, name, key);
    }
}
