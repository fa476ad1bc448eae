package io.berth.server.timeline;

import java.util.Optional;
import java.util.Set;

/** What the timeline needs to know of applications, answered by the applications feature. */
public interface ApplicationClusters {

    /** The clusters the application is deployed to; empty when there is no such application. */
    Optional<Set<String>> clustersOf(String application);
}
