package io.berth.server.applications;

import io.berth.server.domain.Violation;
import io.berth.server.projects.ProjectDirectory;
import io.berth.template.TemplateSet;
import io.berth.template.TemplateSetNotFoundException;
import io.berth.template.TemplateStore;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which template sets a project may deploy: its own, and those shared with every project that its
 * {@code templateSets} patterns (when it has them) name. A set of another project that is not shared is
 * answered as one that does not exist (the project's callers do not see it). Checked at deploy: an
 * upgrade keeps the application's set, and a rollback returns to what ran before.
 */
@Component
class ProjectTemplateSetCheck {

    private final TemplateStore templates;

    ProjectTemplateSetCheck(TemplateStore templates) {
        this.templates = templates;
    }

    void requireUsable(ProjectDirectory.Found project, String setName) {
        TemplateSet set;
        try {
            set = templates.get(setName);
        } catch (TemplateSetNotFoundException missing) {
            return; // the plan says so, with everything else wrong in the request
        }
        if (set.projectId().equals(project.id())) {
            return;
        }
        if (!set.shared()) {
            throw new TemplateSetNotFoundException(setName);
        }
        if (!project.project().mayUseShared(setName)) {
            throw InvalidApplicationRequestException.cannotDeploy(List.of(new Violation("templateSet",
                    "template set '" + setName + "' is not among the shared sets project '" + project.project().name()
                            + "' may deploy (its templateSets)")));
        }
    }
}
