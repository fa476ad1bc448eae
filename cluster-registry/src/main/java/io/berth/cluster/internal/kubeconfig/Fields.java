package io.berth.cluster.internal.kubeconfig;

/** Builds the {@code field} names used in problems, for example {@code users[admin].exec}. */
final class Fields {

    static final String KUBECONFIG = "kubeconfig";
    static final String CONTEXT = "context";

    private Fields() {
    }

    static String entry(String list, String name) {
        return list + "[" + name + "]";
    }

    static String entryField(String list, String name, String key) {
        return entry(list, name) + "." + key;
    }
}
