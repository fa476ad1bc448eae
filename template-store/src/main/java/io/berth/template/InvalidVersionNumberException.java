package io.berth.template;

/** A version number that is not a semantic version (see {@link SemVer}). */
public class InvalidVersionNumberException extends RuntimeException {

    public InvalidVersionNumberException(String reason) {
        super(reason, null, false, false);
    }
}
