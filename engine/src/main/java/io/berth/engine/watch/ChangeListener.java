package io.berth.engine.watch;

/**
 * Told that something of an application changed on a cluster: an object it applied, or one of the
 * pods of its workloads. Called on the watch's own thread: implementations only take note (enqueue)
 * and return at once; the work happens elsewhere.
 */
@FunctionalInterface
public interface ChangeListener {

    /**
     * @param namespace   the changed object's namespace, {@code null} for a cluster-scoped object
     * @param application the value of its {@code berth.io/application} label
     */
    void changed(String cluster, String namespace, String application);
}
