package io.berth.server.resources;

import java.util.List;

/**
 * What the resource tree needs of the applications, and nothing more: an application's targets with the
 * objects Berth applied there. Implemented by the applications feature, so that this package never
 * reaches into its store.
 */
public interface DeployedTargets {

    /**
     * The application's targets, in cluster then namespace order.
     *
     * @throws RuntimeException the applications' own "no such application" error (answered 404 like every
     *                          other application endpoint) when there is none by that name
     */
    List<DeployedTarget> of(String application);
}
