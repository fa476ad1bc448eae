package io.berth.kubesim.controllers;

/**
 * One simulated controller. {@link #reconcile} looks at the object named by the key and its
 * dependents and takes at most one step towards the desired state; the change it makes comes back
 * as a new key, so the next step follows. It must be safe to call at any time, any number of times.
 */
public interface Controller {

    /** The resource (plural) whose keys this controller handles. */
    String resource();

    void reconcile(ObjectKey key);
}
