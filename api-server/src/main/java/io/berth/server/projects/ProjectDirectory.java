package io.berth.server.projects;

import io.berth.server.domain.QuotaExceededException;
import io.berth.server.domain.UnknownProjectException;
import io.berth.server.security.Caller;
import io.berth.server.security.Role;
import org.springframework.security.access.AccessDeniedException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Projects as the rest of Berth looks them up: by name where a request names one, by id where a row
 * refers to one. A project's name never changes and an id is never reused, so the names of the ids
 * seen are kept (a few hundred projects at most): a page of applications names its projects without
 * a query.
 */
@Component
public class ProjectDirectory {

    /** A project and the id other rows refer to it by. */
    public record Found(UUID id, Project project) {
    }

    private final ProjectStore store;
    private final Map<UUID, String> names = new ConcurrentHashMap<>();

    ProjectDirectory(ProjectStore store) {
        this.store = store;
    }

    /** What a request naming a project that does not exist, or that its caller cannot see, is told. */
    public static RuntimeException noProjectNamed(String name) {
        return new ProjectExceptions.ProjectNotFoundException(name);
    }

    /**
     * The project a request names, for a caller who needs {@code needed} in it: one that does not exist or
     * that the caller does not see is an unknown project (422), one it sees with too small a role 403.
     */
    public Found requireFor(Caller caller, String name, Role needed) {
        Found found = find(name).filter(project -> caller.sees(project.id()))
                .orElseThrow(() -> new UnknownProjectException(name));
        if (!caller.may(found.id(), needed)) {
            throw new AccessDeniedException("Your role in project '" + name + "' does not allow this request");
        }
        return found;
    }

    public Optional<Found> find(String name) {
        return store.find(name).map(row -> {
            names.put(row.id(), row.project().name());
            return new Found(row.id(), row.project());
        });
    }

    /** The project an existing row refers to (rows refer to projects by a foreign key: it exists). */
    public Found get(UUID id) {
        ProjectStore.Row row = store.find(id).orElseThrow(() -> new IllegalStateException("no project with id " + id));
        names.put(id, row.project().name());
        return new Found(id, row.project());
    }

    /**
     * Makes room for one more application in the project, within the caller's transaction. A project with an
     * application quota has its row locked until that transaction ends, so that concurrent deploys into it are
     * counted one after the other; one without (like {@code default} as the migration made it) is not locked,
     * and its deploys do not wait for each other. A quota set while a deploy is being recorded may let that one
     * deploy through.
     *
     * @throws QuotaExceededException when the project holds as many applications as its quota allows
     */
    public void admitApplication(UUID id) {
        if (!store.limitsApplications(id)) {
            return;
        }
        ProjectStore.ApplicationCount count = store.lockAndCountApplications(id);
        if (count.maxApplications() != null && count.applications() >= count.maxApplications()) {
            throw new QuotaExceededException("Project '" + count.name() + "' holds " + count.applications()
                    + " application(s), as many as its quota allows (maxApplications " + count.maxApplications()
                    + "); delete and purge one, or raise the quota");
        }
    }

    /** The replicas a project's applications run: the one being changed, and all the others. */
    public record ReplicasInUse(int thisApplication, int others) {
    }

    /**
     * Admits a revision that runs {@code wanted} replicas into the project, when the project has a replica
     * quota: under the lock of the project's row (as {@link #admitApplication}), with what its applications
     * run, counted by {@code inUse} once the lock is held, the new total must fit, unless the change adds
     * no replicas (a scale down is always allowed, even above a lowered quota).
     *
     * @throws QuotaExceededException when it would not
     */
    public void admitReplicas(UUID id, int wanted, Supplier<ReplicasInUse> inUse) {
        if (!store.limitsReplicas(id)) {
            return;
        }
        ProjectStore.ReplicaQuota quota = store.lockForReplicas(id);
        ReplicasInUse now = inUse.get();
        int others = now.others();
        if (others + wanted > quota.maxReplicas() && wanted > now.thisApplication()) {
            throw new QuotaExceededException("Project '" + quota.name() + "' would run " + (others + wanted)
                    + " replicas, more than its quota allows (maxReplicas " + quota.maxReplicas() + "): " + others
                    + " in its other applications and " + wanted + " in this one; scale something down, or raise the quota");
        }
    }

    public String nameOf(UUID id) {
        String known = names.get(id);
        return known != null ? known : get(id).project().name();
    }
}
