package io.berth.server.backups;

import io.berth.server.applications.ApplicationNotFoundException;
import io.berth.server.applications.ApplicationRecord;
import io.berth.server.applications.ApplicationRenderer;
import io.berth.server.applications.ApplicationService;
import io.berth.server.applications.ApplicationService.DataOperation;
import io.berth.server.applications.ApplicationStore;
import io.berth.server.applications.Revision;
import io.berth.server.applications.Target;
import io.berth.server.backups.BackupExceptions.BackupNotFoundException;
import io.berth.server.backups.BackupExceptions.InvalidBackupRequestException;
import io.berth.server.backups.BackupExceptions.ScheduleNotFoundException;
import io.berth.server.domain.Violation;
import io.berth.server.operations.Operation;
import io.berth.server.operations.OperationOptions;
import io.berth.server.operations.OperationOptions.DataOptions;
import io.berth.server.operations.OperationType;
import io.berth.server.operations.RequestContext;
import io.berth.server.operations.StepAction;
import io.berth.template.WorkloadHint;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Backup requests: each is checked in full (nothing is recorded when it is refused), then recorded as an
 * operation of the application, refused while another runs, carried out by {@link BackupSteps}.
 */
@Service
public class BackupService {

    static final int MIN_INTERVAL_SECONDS = 1;

    /** A one-shot backup of the application's workloads that declare one, on all targets or those of some clusters. */
    public record BackupRequest(String location, List<String> clusters, Integer timeoutSeconds) {
    }

    /**
     * A restore: which backup, and the application's name again in {@code confirm}, since the live data is replaced.
     */
    public record RestoreRequest(UUID backup, String confirm, Integer timeoutSeconds) {
    }

    /** A schedule: every {@code intervalSeconds} to {@code location}, keeping {@code maxBackups} per target (0: all). */
    public record ScheduleRequest(String location, Integer intervalSeconds, Integer maxBackups, Integer timeoutSeconds) {
    }

    private final ApplicationService applicationService;
    private final ApplicationStore applications;
    private final ApplicationRenderer renderer;
    private final BackupLocationService locations;
    private final BackupStore backups;
    private final ObjectStoreReader objectStore;

    BackupService(ApplicationService applicationService, ApplicationStore applications, ApplicationRenderer renderer,
                  BackupLocationService locations, BackupStore backups, ObjectStoreReader objectStore) {
        this.objectStore = objectStore;
        this.applicationService = applicationService;
        this.applications = applications;
        this.renderer = renderer;
        this.locations = locations;
        this.backups = backups;
    }

    public Operation backUp(String name, BackupRequest request, RequestContext context) {
        List<Violation> violations = new ArrayList<>();
        requireLocation(request.location(), violations);
        requireTimeout(request.timeoutSeconds(), violations);
        refuseIfAny(violations, "The backup request");
        return applicationService.recordDataOperation(name, OperationType.Backup, StepAction.Backup, (app, current) -> {
            requireDeclared(current, false);
            List<Target> where = ApplicationService.targetsOnClusters(current.spec(), request.clusters(), "Backup");
            return new DataOperation(where, OperationOptions.data(new DataOptions(request.location(), null, null, null, null,
                    false), request.timeoutSeconds()));
        }, context);
    }

    public List<Backup> list(String name, UUID afterId, int limit) {
        ApplicationRecord app = find(name);
        BackupStore.Row after = afterId == null ? null
                : backups.find(app.id(), afterId).orElseThrow(() -> new BackupNotFoundException(name, afterId.toString()));
        return backups.page(app.id(), after, limit);
    }

    public Backup get(String name, UUID id) {
        ApplicationRecord app = find(name);
        return backups.find(app.id(), id).orElseThrow(() -> new BackupNotFoundException(name, id.toString())).backup();
    }

    public Operation restore(String name, RestoreRequest request, RequestContext context) {
        ApplicationRecord found = find(name);
        List<Violation> violations = new ArrayList<>();
        if (!name.equals(request.confirm())) {
            violations.add(new Violation("confirm", "must be the application's name, '" + name + "': a restore replaces the"
                    + " live data of the backed-up workload with the backup's"));
        }
        requireTimeout(request.timeoutSeconds(), violations);
        BackupStore.Row backup = null;
        if (request.backup() == null) {
            violations.add(new Violation("backup", "is required: the id of one of the application's backups"));
        } else {
            backup = backups.find(found.id(), request.backup()).orElse(null);
            if (backup == null) {
                violations.add(new Violation("backup", "the application has no backup " + request.backup()));
            } else if (backup.backup().state() != Backup.BackupState.Succeeded) {
                violations.add(new Violation("backup", "backup " + request.backup() + " is " + backup.backup().state()
                        + "; only a Succeeded backup whose object is kept can be restored"));
            } else if (objectMissing(backup)) {
                // the restore operator would delete the live cluster before finding out: refuse while nothing is lost
                violations.add(new Violation("backup", "the object of backup " + request.backup() + " ("
                        + backup.backup().objectKey() + ") is no longer in location " + backup.backup().location()
                        + "; a schedule's operator may have pruned it"));
            }
        }
        refuseIfAny(violations, "The restore request");
        Backup chosen = backup.backup();
        return applicationService.recordDataOperation(name, OperationType.Restore, StepAction.Restore, (app, current) -> {
            requireDeclared(current, true);
            List<Target> where = current.spec().targets().stream()
                    .filter(t -> t.cluster().equals(chosen.cluster()) && t.namespace().equals(chosen.namespace())).toList();
            if (where.isEmpty()) {
                throw InvalidBackupRequestException.of("backup", "the backup was taken on " + chosen.cluster() + "/"
                        + chosen.namespace() + ", which is no longer a target of the application");
            }
            return new DataOperation(where, OperationOptions.data(new DataOptions(chosen.location(), chosen.id(),
                    chosen.objectKey(), null, null, false), request.timeoutSeconds()));
        }, context);
    }

    /** True only when Berth could read the location and the object is not there. */
    boolean objectMissing(BackupStore.Row backup) {
        return objectStore.exists(locations.require(backup.locationId()), backup.backup().objectKey()).map(there -> !there)
                .orElse(false);
    }

    public BackupSchedule schedule(String name) {
        ApplicationRecord app = find(name);
        return backups.schedule(app.id()).orElseThrow(() -> new ScheduleNotFoundException(name)).schedule();
    }

    public Operation setSchedule(String name, ScheduleRequest request, RequestContext context) {
        List<Violation> violations = new ArrayList<>();
        requireLocation(request.location(), violations);
        requireTimeout(request.timeoutSeconds(), violations);
        if (request.intervalSeconds() == null || request.intervalSeconds() < MIN_INTERVAL_SECONDS) {
            violations.add(new Violation("intervalSeconds", "is required: seconds between backups, at least "
                    + MIN_INTERVAL_SECONDS));
        }
        if (request.maxBackups() != null && request.maxBackups() < 0) {
            violations.add(new Violation("maxBackups", "must be 0 (keep all) or more"));
        }
        refuseIfAny(violations, "The schedule");
        return applicationService.recordDataOperation(name, OperationType.Schedule, StepAction.Schedule, (app, current) -> {
            requireScheduleDeclared(current);
            return new DataOperation(current.spec().targets(), OperationOptions.data(new DataOptions(request.location(), null,
                    null, request.intervalSeconds(), request.maxBackups() == null ? 0 : request.maxBackups(), false),
                    request.timeoutSeconds()));
        }, context);
    }

    public Operation removeSchedule(String name, RequestContext context) {
        ApplicationRecord found = find(name);
        BackupSchedule schedule = backups.schedule(found.id()).orElseThrow(() -> new ScheduleNotFoundException(name)).schedule();
        return applicationService.recordDataOperation(name, OperationType.Schedule, StepAction.Schedule, (app, current) ->
                new DataOperation(current.spec().targets(), OperationOptions.data(new DataOptions(schedule.location(), null, null,
                        null, null, true), null)), context);
    }

    private void requireDeclared(Revision current, boolean restore) {
        List<WorkloadHint> hints = renderer.hints(current.spec());
        if (hints.stream().noneMatch(h -> h.backup() != null && (!restore || h.backup().restore() != null))) {
            throw InvalidBackupRequestException.of("application", BackupSteps.noBackupDeclared(current)
                    + " (upgrade to a version that declares one, such as etcd-cluster 1.1.0)");
        }
    }

    private void requireScheduleDeclared(Revision current) {
        if (renderer.hints(current.spec()).stream().noneMatch(h -> h.backup() != null && h.backup().scheduled() != null)) {
            throw InvalidBackupRequestException.of("application", current.spec().templateSet() + " "
                    + current.spec().version() + " declares no scheduled backup for its workloads");
        }
    }

    private void requireLocation(String location, List<Violation> violations) {
        if (location == null || location.isBlank()) {
            violations.add(new Violation("location", "is required: the name of a backup location"));
        } else {
            try {
                locations.require(location);
            } catch (BackupExceptions.LocationNotFoundException missing) {
                violations.add(new Violation("location", "no backup location named '" + location + "'"));
            }
        }
    }

    private static void requireTimeout(Integer timeoutSeconds, List<Violation> violations) {
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > 86_400)) {
            violations.add(new Violation("timeoutSeconds", "must be between 1 and 86400"));
        }
    }

    private static void refuseIfAny(List<Violation> violations, String what) {
        if (!violations.isEmpty()) {
            throw new InvalidBackupRequestException(what + " has " + violations.size() + " invalid field(s)", violations);
        }
    }

    private ApplicationRecord find(String name) {
        return applications.find(name).orElseThrow(() -> new ApplicationNotFoundException(name));
    }
}
