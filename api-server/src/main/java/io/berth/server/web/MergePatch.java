package io.berth.server.web;

/**
 * A JSON Merge Patch (RFC 7386) of a resource's document of type {@code T}, already checked against
 * the document's shape (see {@link MergePatches}).
 */
@FunctionalInterface
public interface MergePatch<T> {

    /**
     * The document with the patch applied, bound and validated.
     *
     * @throws ApiException 422 {@code validation-failed} when the result breaks a constraint of the
     *                      document (a required field patched to null, a name too long)
     */
    T applyTo(T current);
}
