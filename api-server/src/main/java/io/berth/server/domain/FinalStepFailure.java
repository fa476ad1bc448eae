package io.berth.server.domain;

/**
 * A step of an operation failed for a reason that trying again would not change (an operator said the
 * backup failed, and why); its message is Berth's or the operator's words, safe to store and show.
 */
public class FinalStepFailure extends RuntimeException {

    public FinalStepFailure(String message) {
        super(message);
    }
}
