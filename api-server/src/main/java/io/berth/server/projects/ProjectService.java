package io.berth.server.projects;

import io.berth.cluster.ClusterNotFoundException;
import io.berth.cluster.ClusterRegistry;
import io.berth.cluster.Labels;
import io.berth.server.audit.AuditLog;
import io.berth.server.domain.Violation;
import io.berth.server.projects.ProjectExceptions.ConcurrentProjectChangeException;
import io.berth.server.projects.ProjectExceptions.InvalidProjectException;
import io.berth.server.projects.ProjectExceptions.ProjectAlreadyExistsException;
import io.berth.server.projects.ProjectExceptions.ProjectInUseException;
import io.berth.server.projects.ProjectExceptions.ProjectNotFoundException;
import io.berth.server.projects.ProjectExceptions.StaleProjectException;
import io.berth.server.projects.ProjectRequests.CreateProject;
import io.berth.server.projects.ProjectRequests.UpdateProject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and deletes projects; what a project must be is checked whole before anything is written. */
@Service
public class ProjectService {

    private final ProjectStore store;
    private final AuditLog audit;
    private final ClusterRegistry clusters;
    private final Clock clock;

    ProjectService(ProjectStore store, ClusterRegistry clusters, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clusters = clusters;
        this.clock = clock;
    }

    @Transactional
    public Project create(CreateProject request, String by) {
        Map<String, String> labels = Labels.requireValid(request.labels());
        requireValid(request.destinations(), request.templateSets());
        Instant now = clock.instant();
        Project project = new Project(request.name(), request.displayName(), request.description(), labels,
                List.copyOf(request.destinations()), copyOrNull(request.templateSets()),
                request.quota() == null ? ProjectQuota.NONE : request.quota(), now, by, now, by, 0);
        try {
            store.insert(project);
        } catch (DuplicateKeyException taken) {
            throw new ProjectAlreadyExistsException(request.name());
        }
        audit.recordAccessChange(by, "CreateProject", request.name(), null);
        return row(request.name()).project(); // as stored: times at the database's precision
    }

    @Transactional(readOnly = true)
    public Project get(String name) {
        return row(name).project();
    }

    /** The projects of {@code visible} (every project when empty) in name order. */
    @Transactional(readOnly = true)
    public List<Project> list(Optional<Set<UUID>> visible, String afterName, int limit) {
        return store.page(visible.orElse(null), afterName, limit);
    }

    /**
     * Writes {@code changed} (the current document with a patch merged in) over the project.
     *
     * @param expectedVersion the version the caller's If-Match named; null when it gave none, and the change
     *                        was merged into what was read at {@code readVersion}
     */
    @Transactional
    public Project update(String name, UpdateProject changed, Long expectedVersion, long readVersion, String by) {
        Map<String, String> labels = Labels.requireValid(changed.labels());
        requireValid(changed.destinations(), changed.templateSets());
        UpdateProject valid = new UpdateProject(changed.displayName(), changed.description(), labels,
                List.copyOf(changed.destinations()), copyOrNull(changed.templateSets()), changed.quota());
        if (!store.update(name, valid, expectedVersion != null ? expectedVersion : readVersion, by, clock.instant())) {
            row(name); // gone meanwhile: 404
            throw expectedVersion != null ? new StaleProjectException(name) : new ConcurrentProjectChangeException(name);
        }
        audit.recordAccessChange(by, "UpdateProject", name, null);
        return row(name).project();
    }

    /** Deletes an empty project; {@code default} and a project holding applications or template sets stay. */
    @Transactional
    public void delete(String name, Long expectedVersion, String by) {
        if (Project.DEFAULT.equals(name)) {
            row(name); // answers 404 like any other name if it were ever gone
            throw new ProjectInUseException("Project 'default' cannot be deleted: it holds what belongs to no other project");
        }
        ProjectStore.Row row = row(name);
        ProjectStore.Holdings holdings = store.holdings(row.id());
        if (holdings.applications() > 0 || holdings.templateSets() > 0) {
            throw new ProjectInUseException("Project '" + name + "' still holds " + holdings.applications()
                    + " application(s) and " + holdings.templateSets() + " template set(s); delete or move them first");
        }
        long version = expectedVersion != null ? expectedVersion : row.project().version();
        boolean deleted;
        try {
            deleted = store.delete(row.id(), version);
        } catch (DataIntegrityViolationException heldMeanwhile) {
            // an application or template set came into the project after the count: its row refers to this one
            throw new ProjectInUseException("Project '" + name + "' received an application or template set meanwhile;"
                    + " it was not deleted");
        }
        if (!deleted) {
            throw expectedVersion != null ? new StaleProjectException(name) : new ConcurrentProjectChangeException(name);
        }
        audit.recordAccessChange(by, "DeleteProject", name, null);
    }

    /**
     * The targets of the project's applications that its destinations do not take (any more): a change of
     * destinations moves and stops nothing, so these keep running until their applications are changed.
     */
    @Transactional(readOnly = true)
    public List<ProjectStore.PlacedTarget> targetsOutside(String name) {
        ProjectStore.Row row = row(name);
        return row.project().outside(store.targets(row.id()), ProjectStore.PlacedTarget::cluster,
                ProjectStore.PlacedTarget::namespace, this::labelsOf);
    }

    /** A cluster's labels; none when it is no longer registered (its targets then lie nowhere the project may go). */
    private Map<String, String> labelsOf(String cluster) {
        try {
            return clusters.get(cluster).labels();
        } catch (ClusterNotFoundException gone) {
            return Map.of();
        }
    }

    private ProjectStore.Row row(String name) {
        return store.find(name).orElseThrow(() -> new ProjectNotFoundException(name));
    }

    private static void requireValid(List<Destination> destinations, List<String> templateSets) {
        List<Violation> problems = DestinationRules.problems(destinations, templateSets);
        if (!problems.isEmpty()) {
            throw new InvalidProjectException(problems);
        }
    }

    private static List<String> copyOrNull(List<String> names) {
        return names == null ? null : List.copyOf(names);
    }
}
