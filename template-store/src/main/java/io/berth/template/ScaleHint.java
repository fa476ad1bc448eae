package io.berth.template;

/**
 * How to scale a workload kind: through its {@code /scale} subresource, or by writing the replica
 * count at a dotted path of the object such as {@code spec.size}. Exactly one of the two is set in
 * a valid hint ({@link ContentValidator} checks it). A missing {@code subresource} means false.
 */
public record ScaleHint(Boolean subresource, String replicasPath) {

    public ScaleHint {
        subresource = Boolean.TRUE.equals(subresource);
    }

    public static ScaleHint viaSubresource() {
        return new ScaleHint(true, null);
    }

    public static ScaleHint atPath(String replicasPath) {
        return new ScaleHint(false, replicasPath);
    }
}
