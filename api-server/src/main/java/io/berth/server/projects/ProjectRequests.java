package io.berth.server.projects;

import io.berth.server.web.Names;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Request bodies of the project endpoints. */
final class ProjectRequests {

    private ProjectRequests() {
    }

    /**
     * @param destinations where the project's applications may go; an empty list allows nowhere
     * @param templateSets names or globs of the shared template sets it may deploy; null: every shared one
     */
    record CreateProject(
            @NotNull @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
            @Size(max = 253) String displayName,
            @Size(max = 2048) String description,
            Map<String, String> labels,
            @NotNull List<Destination> destinations,
            List<String> templateSets,
            @Valid ProjectQuota quota) {
    }

    /**
     * The body of a PATCH: a JSON Merge Patch (RFC 7386) of {@link UpdateProject}, every field optional; the
     * merged document must be valid.
     */
    record ProjectPatch(String displayName, String description, Map<String, String> labels,
                        List<Destination> destinations, List<String> templateSets, ProjectQuota quota) {
    }

    /**
     * A project's changeable fields, the document a PATCH (JSON Merge Patch, RFC 7386) applies to: fields
     * left out stay, null removes one, labels and the quota merge key by key, a list given replaces the list.
     */
    record UpdateProject(
            @Size(max = 253) String displayName,
            @Size(max = 2048) String description,
            Map<String, String> labels,
            @NotNull List<Destination> destinations,
            List<String> templateSets,
            @Valid ProjectQuota quota) {

        static UpdateProject of(Project project) {
            return new UpdateProject(project.displayName(), project.description(), project.labels(),
                    project.destinations(), project.templateSets(), project.quota());
        }
    }
}
