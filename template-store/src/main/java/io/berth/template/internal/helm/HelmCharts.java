package io.berth.template.internal.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.berth.template.BuiltIns;
import io.berth.template.ContentLimits;
import io.berth.template.HelmContent;
import io.berth.template.RenderException;
import io.berth.template.RenderedManifests;
import io.berth.template.TemplateProblem;
import io.berth.template.internal.helm.pool.HelmRefused;
import io.berth.template.internal.helm.pool.HelmStopped;
import io.berth.template.internal.helm.pool.HelmWorkerPool;
import io.berth.template.internal.json.CanonicalJson;
import io.berth.template.internal.json.Mappers;
import io.berth.template.internal.json.ParserMessages;
import io.berth.template.internal.render.ManifestRules;
import io.berth.template.internal.render.YamlOutput;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** What {@link io.berth.template.HelmRenderer} and {@link HelmContent} do, step by step. */
public final class HelmCharts {

    private static final String CHART_FILE = "Chart.yaml";
    private static final String VALUES_FILE = "values.yaml";
    private static final String SCHEMA_FILE = "values.schema.json";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private HelmCharts() {
    }

    public static RenderedManifests render(byte[] archive, ContentLimits limits, Map<String, Object> values,
                                           BuiltIns builtIns, HelmWorkerPool workers) {
        List<TemplateProblem> problems = new ArrayList<>();
        ChartArchive chart = checked(archive, limits, problems);
        String valuesJson = CanonicalJson.write(CanonicalJson.sortedTree(values));
        String output;
        try (ChartWorkspace workspace = ChartWorkspace.unpack(chart)) {
            Path valuesFile = workspace.writeValues(valuesJson);
            try {
                output = workers.template(workspace.chartDirectory(), builtIns.application(),
                        builtIns.namespace(), valuesFile);
            } catch (HelmRefused e) {
                throw new RenderException(HelmMessages.renderProblems(e.getMessage(), chartName(chart),
                        workspace.root().toString()));
            } catch (HelmStopped e) {
                throw new RenderException(List.of(TemplateProblem.at(null, e.problem(workers.limits(), "rendering"))));
            }
        }
        List<YamlOutput.Document> documents = HelmOutput.documents(output, builtIns.namespace(), problems);
        ManifestRules.checkDuplicates(documents.stream().map(YamlOutput.Document::identity).toList(), problems);
        if (problems.isEmpty() && documents.isEmpty()) {
            problems.add(TemplateProblem.at(null, "the chart renders no documents"));
        }
        if (!problems.isEmpty()) {
            throw new RenderException(problems);
        }
        return YamlOutput.write(documents);
    }

    public static List<TemplateProblem> lint(byte[] archive, ContentLimits limits, HelmWorkerPool workers) {
        List<TemplateProblem> problems = new ArrayList<>();
        Optional<ChartArchive> read = ChartArchive.read(archive, limits, problems);
        if (read.isEmpty()) {
            return List.copyOf(problems);
        }
        ChartArchive chart = read.get();
        HelmWorkerPool.LintReport report;
        try (ChartWorkspace workspace = ChartWorkspace.unpack(chart)) {
            try {
                report = workers.lint(workspace.chartDirectory());
            } catch (HelmRefused e) {
                problems.add(TemplateProblem.at(null, HelmMessages.cap("helm lint failed: "
                        + HelmMessages.scrub(e.getMessage(), workspace.root().toString()))));
                return List.copyOf(problems);
            } catch (HelmStopped e) {
                problems.add(TemplateProblem.at(null, e.problem(workers.limits(), "linting")));
                return List.copyOf(problems);
            }
            problems.addAll(HelmMessages.lintProblems(report.lines(), report.failed(), workspace.root().toString()));
        }
        if (isLibrary(chart)) {
            problems.add(TemplateProblem.at(CHART_FILE, "library charts cannot be rendered (type: library)"));
        }
        return List.copyOf(problems);
    }

    public static HelmContent.Chart describe(byte[] archive, ContentLimits limits) {
        List<TemplateProblem> problems = new ArrayList<>();
        ChartArchive chart = checked(archive, limits, problems);
        Optional<JsonNode> chartFile = chartFile(chart, problems);
        if (chartFile.isEmpty()) {
            throw new RenderException(problems);
        }
        return new HelmContent.Chart(text(chartFile.get(), "name"), text(chartFile.get(), "version"),
                chart.text(SCHEMA_FILE).orElse(null), chart.text(VALUES_FILE).orElse(null));
    }

    public static Map<String, Object> defaults(String valuesYaml) {
        if (valuesYaml == null) {
            return Map.of();
        }
        JsonNode tree;
        try {
            tree = Mappers.yaml().readTree(valuesYaml);
        } catch (JacksonException e) {
            throw new RenderException(List.of(TemplateProblem.at(VALUES_FILE,
                    HelmMessages.cap("invalid YAML: " + ParserMessages.describe(e)))));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return Map.of();
        }
        if (!tree.isObject()) {
            throw new RenderException(List.of(TemplateProblem.at(VALUES_FILE, "values.yaml must be a mapping")));
        }
        return Collections.unmodifiableMap(Mappers.json().convertValue(tree, MAP));
    }

    private static ChartArchive checked(byte[] archive, ContentLimits limits, List<TemplateProblem> problems) {
        Optional<ChartArchive> chart = ChartArchive.read(archive, limits, problems);
        if (chart.isEmpty()) {
            throw new RenderException(problems);
        }
        return chart.get();
    }

    private static Optional<JsonNode> chartFile(ChartArchive chart, List<TemplateProblem> problems) {
        Optional<String> text = chart.text(CHART_FILE);
        if (text.isEmpty()) {
            problems.add(TemplateProblem.at(CHART_FILE, "the chart has no Chart.yaml"));
            return Optional.empty();
        }
        try {
            JsonNode tree = Mappers.yaml().readTree(text.get());
            if (tree != null && tree.isObject()) {
                return Optional.of(tree);
            }
            problems.add(TemplateProblem.at(CHART_FILE, "Chart.yaml must be a mapping"));
        } catch (JacksonException e) {
            problems.add(TemplateProblem.at(CHART_FILE, HelmMessages.cap("invalid YAML: " + ParserMessages.describe(e))));
        }
        return Optional.empty();
    }

    /** The name in Chart.yaml, or the archive's directory when it cannot be read. */
    private static String chartName(ChartArchive chart) {
        String name = chartFile(chart, new ArrayList<>()).map(tree -> text(tree, "name")).orElse(null);
        return name != null ? name : chart.directory();
    }

    private static boolean isLibrary(ChartArchive chart) {
        return chartFile(chart, new ArrayList<>()).map(tree -> "library".equals(text(tree, "type"))).orElse(false);
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asString();
    }
}
