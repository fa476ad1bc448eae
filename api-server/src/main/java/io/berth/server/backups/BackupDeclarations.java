package io.berth.server.backups;

import io.berth.cluster.ClusterRegistry;
import io.berth.server.applications.ApplicationRecord;
import io.berth.server.applications.ApplicationRenderer;
import io.berth.server.applications.RenderedTarget;
import io.berth.server.applications.Revision;
import io.berth.server.applications.Target;
import io.berth.template.BackupHint;
import io.berth.template.BuiltIns;
import io.berth.template.SimpleContent;
import io.berth.template.TemplateRenderer;
import io.berth.template.TemplateStore;
import io.berth.template.WorkloadHint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a revision's template version declares about backups on one target: the rendered workloads whose
 * kind has a {@link BackupHint}, and the backup, schedule and restore resources rendered for them with
 * the application's values and the backup's parameters ({@code berth.backup.*}).
 */
@Component
class BackupDeclarations {

    /**
     * One workload that can be backed up.
     *
     * @param workload {@code Kind/name}
     */
    record Declared(String workload, String apiVersion, String kind, String name, BackupHint backup) {
    }

    private final ApplicationRenderer renderer;
    private final TemplateStore templates;
    private final ClusterRegistry clusters;
    private final TemplateRenderer templateRenderer = new TemplateRenderer();

    BackupDeclarations(ApplicationRenderer renderer, TemplateStore templates, ClusterRegistry clusters) {
        this.renderer = renderer;
        this.templates = templates;
        this.clusters = clusters;
    }

    /** The workloads of the target that declare backups, in apply order. */
    List<Declared> on(ApplicationRecord app, Revision revision, Target target) {
        List<WorkloadHint> hints = renderer.hints(revision.spec());
        if (hints.stream().noneMatch(h -> h.backup() != null)) {
            return List.of();
        }
        RenderedTarget rendered = renderer.render(app.name(), revision.spec(), target, clusters::get, hints);
        List<Declared> declared = new ArrayList<>();
        for (Map<String, Object> object : rendered.objects()) {
            String apiVersion = String.valueOf(object.get("apiVersion"));
            String kind = String.valueOf(object.get("kind"));
            @SuppressWarnings("unchecked")
            String name = String.valueOf(((Map<String, Object>) object.getOrDefault("metadata", Map.of())).get("name"));
            hints.stream().filter(h -> h.backup() != null && h.apiVersion().equals(apiVersion) && h.kind().equals(kind))
                    .findFirst().ifPresent(h -> declared.add(new Declared(kind + "/" + name, apiVersion, kind, name, h.backup())));
        }
        return declared;
    }

    /** The declaration for one workload of the target, if the revision still has that workload and declares it. */
    Optional<Declared> of(ApplicationRecord app, Revision revision, Target target, String workload) {
        return on(app, revision, target).stream().filter(d -> d.workload().equals(workload)).findFirst();
    }

    /** One of the declared resources, rendered for the target with the backup's parameters. */
    Map<String, Object> render(ApplicationRecord app, Revision revision, Target target, BackupHint.BackupResource resource,
                               Map<String, Object> parameters) {
        SimpleContent content = templates.content(revision.spec().templateSet(), revision.spec().version());
        BuiltIns builtIns = new BuiltIns(app.name(), target.namespace(), target.cluster(),
                clusters.get(target.cluster()).labels()).withBackup(parameters);
        return templateRenderer.render(new SimpleContent(resource.template(), content.parametersSchemaJson(), content.defaults(),
                List.of()), revision.spec().valuesFor(target), builtIns).manifests().get(0).object();
    }
}
