package io.berth.server.applications;

import io.berth.server.timeline.ApplicationClusters;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The applications' side of the timeline: which clusters an application runs on. */
@Component
class ApplicationClustersFromApplications implements ApplicationClusters {

    private final ApplicationStore applications;

    ApplicationClustersFromApplications(ApplicationStore applications) {
        this.applications = applications;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Set<String>> clustersOf(String application) {
        return applications.find(application)
                .map(app -> applications.targets(app.id()).stream().map(TargetState::cluster).collect(Collectors.toSet()));
    }
}
