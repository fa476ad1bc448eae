package io.berth.template;

import io.berth.template.internal.seed.ExampleTemplates;
import io.berth.template.internal.store.TemplateSetEntity;
import io.berth.template.internal.store.TemplateSetRepository;
import io.berth.template.internal.store.TemplateVersionEntity;
import io.berth.template.internal.store.TemplateVersionRepository;
import io.berth.template.internal.store.VersionContents;
import io.berth.template.internal.store.VersionSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The template store's one entry point: template sets, their immutable versions, rendering and
 * diffs. Content is validated and rendered outside database transactions; publishing locks the
 * set's row, so two publishes into one set never race on a version number.
 */
@Service
public class TemplateStore {

    private static final int SCAN_BATCH = 100;

    private final TemplateSetRepository sets;
    private final TemplateVersionRepository versions;
    private final TransactionTemplate tx;
    private final ContentValidator validator;
    private final TemplateRenderer renderer = new TemplateRenderer();
    private final ContentLimits limits;
    private final HelmRenderer helm;
    private final Clock clock;
    private final VersionContents contents;

    public TemplateStore(TemplateSetRepository sets, TemplateVersionRepository versions, TransactionTemplate tx,
                         TemplateStoreSettings settings, HelmWorkers helmWorkers, JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.sets = sets;
        this.contents = new VersionContents(jdbc);
        this.versions = versions;
        this.tx = tx;
        this.validator = new ContentValidator(settings.limits());
        this.limits = settings.limits();
        this.helm = new HelmRenderer(settings.limits(), helmWorkers);
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    public TemplateSet create(NewTemplateSet request) {
        Instant now = Instant.now(clock);
        TemplateSetEntity created = new TemplateSetEntity(request.name(), request.projectId(), request.createdBy(), now);
        created.describe(request.description(), labels(request.labels()), request.shared(), request.createdBy(), now);
        try {
            return tx.execute(status -> {
                if (sets.existsByName(request.name())) {
                    throw new TemplateSetAlreadyExistsException(request.name());
                }
                return toView(sets.saveAndFlush(created));
            });
        } catch (DataIntegrityViolationException raceOnName) {
            throw new TemplateSetAlreadyExistsException(request.name());
        }
    }

    public TemplateSet get(String name) {
        return toView(findSet(name));
    }

    public Page<TemplateSet> list(TemplateSetQuery query) {
        // Labels are matched in Java while paging in name order (the caller brings the matcher); the
        // text filter runs in SQL. A Berth holds tens or hundreds of sets.
        List<TemplateSet> page = new ArrayList<>();
        String after = query.afterName() == null ? "" : query.afterName();
        int batch = Math.max(query.limit() + 1, SCAN_BATCH);
        while (page.size() <= query.limit()) {
            List<TemplateSetEntity> rows = query.hasText()
                    ? sets.findMatching(after, containsPattern(query.trimmedText()), Limit.of(batch))
                    : sets.findByNameGreaterThanOrderByNameAsc(after, Limit.of(batch));
            for (TemplateSetEntity row : rows) {
                if (page.size() <= query.limit() && query.keeps(row.getProjectId(), row.isShared())
                        && query.labels().test(row.getLabels())) {
                    page.add(toView(row));
                }
            }
            if (rows.size() < batch) {
                break;
            }
            after = rows.get(rows.size() - 1).getName();
        }
        boolean more = page.size() > query.limit();
        List<TemplateSet> items = more ? page.subList(0, query.limit()) : page;
        return new Page<>(items, more ? items.get(items.size() - 1).name() : null);
    }

    /**
     * Applies the changes; fails with {@link StaleTemplateSetException} when the caller's version is stale,
     * and with {@link ConcurrentTemplateSetChangeException} when a caller without a version lost a race.
     */
    public TemplateSet update(String name, TemplateSetChanges changes) {
        try {
            return tx.execute(status -> {
                TemplateSetEntity set = findSet(name);
                requireVersion(set, changes.expectedVersion());
                set.describe(changes.description(), labels(changes.labels()), changes.shared(), changes.updatedBy(), Instant.now(clock));
                return toView(sets.saveAndFlush(set));
            });
        } catch (ObjectOptimisticLockingFailureException concurrentWriter) {
            throw lostRace(name, changes.expectedVersion());
        }
    }

    /**
     * Deletes the set and all its versions.
     *
     * @throws TemplateInUseException when an application revision uses one of its versions (the
     *                                database refuses to drop a version that revisions refer to)
     */
    public void delete(String name, Long expectedVersion) {
        try {
            tx.executeWithoutResult(status -> {
                TemplateSetEntity set = findSet(name);
                requireVersion(set, expectedVersion);
                sets.delete(set);
                sets.flush();
            });
        } catch (ObjectOptimisticLockingFailureException concurrentWriter) {
            throw lostRace(name, expectedVersion);
        } catch (DataIntegrityViolationException referenced) {
            throw TemplateInUseException.set(name);
        }
    }

    /**
     * Publishes a {@code Simple} version. Checked in this order: the number is a semantic version,
     * the set exists, the number is free (whatever the content), the content is within the limits
     * ({@link ContentTooLargeException}), then the content is valid ({@link InvalidTemplateException}
     * with every problem).
     */
    public TemplateVersion publish(String setName, NewTemplateVersion request) {
        SemVer number = parseNumber(request.version());
        requireFreeNumber(setName, findSet(setName).getId(), number, request.version());
        List<TemplateProblem> problems = validator.validate(request.content());
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(problems);
        }
        String digest = ContentDigest.of(request.content());
        try {
            return tx.execute(status -> {
                TemplateSetEntity set = sets.lockByName(setName).orElseThrow(() -> new TemplateSetNotFoundException(setName));
                requireFreeNumber(setName, set.getId(), number, request.version());
                TemplateVersionEntity saved = versions.saveAndFlush(TemplateVersionEntity.simple(set.getId(),
                        request.version(), request.changelog(), request.content(), digest, request.createdBy(),
                        Instant.now(clock)));
                return toView(setName, saved);
            });
        } catch (DataIntegrityViolationException raceOnNumber) {
            throw new TemplateVersionAlreadyExistsException(setName, request.version(), request.version());
        }
    }

    /**
     * Publishes a {@code Helm} version. Checked in this order: the number is a semantic version, the
     * set exists, the number is free, the archive is within {@link ContentLimits#maxBytes()}
     * ({@link ContentTooLargeException}), then the archive checks and {@code helm lint}
     * ({@link InvalidTemplateException} of kind Helm with every problem). The digest is
     * {@link ContentDigest#of(HelmContent)}; the chart's {@code values.schema.json} and
     * {@code values.yaml} are kept as the version's parameters schema and defaults.
     */
    public TemplateVersion publish(String setName, NewHelmVersion request) {
        SemVer number = parseNumber(request.version());
        requireFreeNumber(setName, findSet(setName).getId(), number, request.version());
        HelmContent chart = request.chart();
        if (chart.size() > limits.maxBytes()) {
            throw new ContentTooLargeException("bytes", chart.size(), limits.maxBytes());
        }
        List<TemplateProblem> problems = helm.lint(chart);
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(problems, ContentKind.Helm);
        }
        HelmContent.Chart described;
        Map<String, Object> defaults;
        try {
            described = chart.chart(limits);
            defaults = described.defaults();
        } catch (RenderException e) {
            throw new InvalidTemplateException(e.problems(), ContentKind.Helm);
        }
        String digest = ContentDigest.of(chart);
        try {
            return tx.execute(status -> {
                TemplateSetEntity set = sets.lockByName(setName).orElseThrow(() -> new TemplateSetNotFoundException(setName));
                requireFreeNumber(setName, set.getId(), number, request.version());
                TemplateVersionEntity saved = versions.saveAndFlush(TemplateVersionEntity.helm(set.getId(),
                        request.version(), request.changelog(), chart, described.valuesSchemaJson(), defaults, digest,
                        request.createdBy(), Instant.now(clock)));
                return toView(setName, saved);
            });
        } catch (DataIntegrityViolationException raceOnNumber) {
            throw new TemplateVersionAlreadyExistsException(setName, request.version(), request.version());
        }
    }

    public TemplateVersion version(String setName, String version) {
        return versions.summary(findSet(setName).getId(), version).map(s -> toView(setName, s))
                .orElseThrow(() -> new TemplateVersionNotFoundException(setName, version));
    }

    /**
     * The set's versions, newest first by semver precedence ({@code 1.10.0 > 1.9.0 > 1.9.0-rc.1}).
     *
     * @param afterVersion continue with the versions older than this one, or null to start
     * @throws IllegalArgumentException when {@code afterVersion} is not a semantic version
     */
    public Page<TemplateVersion> versions(String setName, String afterVersion, int limit) {
        SemVer after = afterVersion == null ? null : SemVer.parse(afterVersion);
        UUID setId = findSet(setName).getId();
        record Numbered(SemVer number, VersionSummary summary) {
        }
        List<Numbered> page = versions.summaries(setId).stream()
                .map(s -> new Numbered(SemVer.parse(s.version()), s))
                .filter(n -> after == null || n.number().compareTo(after) < 0)
                .sorted(Comparator.comparing(Numbered::number, SemVer.NEWEST_FIRST))
                .limit(limit + 1L)
                .toList();
        boolean more = page.size() > limit;
        List<TemplateVersion> items = page.stream().limit(limit).map(n -> toView(setName, n.summary())).toList();
        return new Page<>(items, more ? items.get(items.size() - 1).version() : null);
    }

    /**
     * The content of a {@code Simple} version.
     *
     * @throws IllegalStateException when the version is a {@code Helm} version (see {@link #helmContent})
     */
    public SimpleContent content(String setName, String version) {
        return findVersion(setName, version).simpleContent();
    }

    /**
     * The chart of a {@code Helm} version, byte for byte as published.
     *
     * @throws IllegalStateException when the version is a {@code Simple} version
     */
    public HelmContent helmContent(String setName, String version) {
        return findVersion(setName, version).helmContent();
    }

    /**
     * Deletes a version.
     *
     * @throws TemplateInUseException when an application revision uses it
     */
    public void deleteVersion(String setName, String version) {
        UUID setId = findSet(setName).getId();
        Integer deleted;
        try {
            deleted = tx.execute(status -> versions.deleteVersion(setId, version));
        } catch (DataIntegrityViolationException referenced) {
            throw TemplateInUseException.version(setName, version);
        }
        if (deleted == null || deleted == 0) {
            throw new TemplateVersionNotFoundException(setName, version);
        }
    }

    /** @throws VersionRenderException listing every problem when the version cannot be rendered with the values */
    /**
     * Renders a version of either kind: {@code Simple} with {@link TemplateRenderer}, {@code Helm} with
     * {@link HelmRenderer} (release name: the application built-in, namespace: the namespace built-in).
     */
    public RenderedManifests render(String setName, String version, Map<String, Object> values, BuiltIns builtIns) {
        VersionContents.Content stored = contents.find(setName, version, versions::findById)
                .orElseThrow(() -> notFound(setName, version));
        try {
            return stored.kind() == ContentKind.Helm
                    ? helm.render(stored.helm(), values, builtIns)
                    : renderer.render(stored.simple(), values, builtIns);
        } catch (RenderException e) {
            throw new VersionRenderException(setName, version, stored.kind(), e.problems());
        }
    }

    /**
     * Unified diff of two versions' contents ({@link ContentText}); empty when they are the same. A
     * {@code Helm} version's text is every file of its chart under its path.
     */
    public String contentDiff(String setName, String from, String to) {
        String a = contentText(findVersion(setName, from));
        String b = contentText(findVersion(setName, to));
        return TextDiff.unified(setName + " " + from, a, setName + " " + to, b);
    }

    /** Unified diff of two versions rendered with the same values; empty when the outputs are the same. */
    public String renderedDiff(String setName, String from, String to, Map<String, Object> values, BuiltIns builtIns) {
        String a = render(setName, from, values, builtIns).yaml();
        String b = render(setName, to, values, builtIns).yaml();
        return TextDiff.unified(setName + " " + from + " (rendered)", a, setName + " " + to + " (rendered)", b);
    }

    /**
     * Creates the example sets shipped with Berth that do not exist yet, in {@code projectId}, shared with
     * every project, each with all its versions. An example set that exists already gains the example's
     * versions it lacks, but only while its first version is the example's own (same digest): a set of that
     * name that holds something else is left alone, whatever it holds.
     */
    public SeedReport seedExamples(String createdBy, UUID projectId) {
        List<String> created = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ExampleTemplates.Example example : ExampleTemplates.all()) {
            List<ExampleTemplates.ExampleVersion> versions = example.versions();
            try {
                tx.executeWithoutResult(status -> {
                    create(new NewTemplateSet(example.name(), example.description(), example.labels(), projectId, true, createdBy));
                    versions.forEach(v -> publish(example.name(), new NewTemplateVersion(v.version(), v.changelog(), v.content(), createdBy)));
                });
                versions.forEach(v -> created.add(example.name() + "@" + v.version()));
            } catch (TemplateSetAlreadyExistsException exists) {
                List<String> added = addMissingVersions(example, createdBy);
                if (added.isEmpty()) {
                    skipped.add(example.name());
                }
                created.addAll(added);
            }
        }
        return new SeedReport(created, skipped);
    }

    private List<String> addMissingVersions(ExampleTemplates.Example example, String createdBy) {
        List<String> added = new ArrayList<>();
        ExampleTemplates.ExampleVersion first = example.versions().get(0);
        try {
            if (!version(example.name(), first.version()).digest().equals(ContentDigest.of(first.content()))) {
                return added;
            }
        } catch (TemplateVersionNotFoundException | TemplateSetNotFoundException other) {
            return added; // not the example (or deleted meanwhile)
        }
        for (ExampleTemplates.ExampleVersion later : example.versions().subList(1, example.versions().size())) {
            try {
                publish(example.name(), new NewTemplateVersion(later.version(), later.changelog(), later.content(), createdBy));
                added.add(example.name() + "@" + later.version());
            } catch (TemplateVersionAlreadyExistsException exists) {
                // there already
            }
        }
        return added;
    }

    private String contentText(TemplateVersionEntity stored) {
        return stored.getKind() == ContentKind.Helm
                ? ContentText.of(stored.helmContent(), limits)
                : ContentText.of(stored.simpleContent());
    }

    private TemplateSetEntity findSet(String name) {
        return sets.findByName(name).orElseThrow(() -> new TemplateSetNotFoundException(name));
    }

    private TemplateVersionEntity findVersion(String setName, String version) {
        return versions.findByTemplateSetIdAndVersion(findSet(setName).getId(), version)
                .orElseThrow(() -> new TemplateVersionNotFoundException(setName, version));
    }

    /** The set is missing, or only the version: the error says which. */
    private RuntimeException notFound(String setName, String version) {
        findSet(setName);
        return new TemplateVersionNotFoundException(setName, version);
    }

    private void requireFreeNumber(String setName, UUID setId, SemVer number, String text) {
        for (String existing : versions.versionNumbers(setId)) {
            if (SemVer.parse(existing).compareTo(number) == 0) {
                throw new TemplateVersionAlreadyExistsException(setName, text, existing);
            }
        }
    }

    private static SemVer parseNumber(String text) {
        try {
            return SemVer.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidVersionNumberException(e.getMessage());
        }
    }

    /**
     * Another writer changed the set between this request's read and its write: a stale If-Match when the
     * caller named a version (412), otherwise a lost race (409).
     */
    private static RuntimeException lostRace(String name, Long expectedVersion) {
        return expectedVersion != null ? new StaleTemplateSetException(name) : new ConcurrentTemplateSetChangeException(name);
    }

    private static void requireVersion(TemplateSetEntity set, Long expected) {
        if (expected != null && expected != set.getVersion()) {
            throw new StaleTemplateSetException(set.getName(), expected, set.getVersion());
        }
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A LIKE pattern for "contains, ignoring case", with {@code !} escaping the wildcards in the text. */
    private static String containsPattern(String text) {
        String escaped = text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }

    private static TemplateSet toView(TemplateSetEntity s) {
        return new TemplateSet(s.getName(), s.getDescription(), Map.copyOf(s.getLabels()), s.getCreatedAt(),
                s.getCreatedBy(), s.getUpdatedAt(), s.getUpdatedBy(), s.getVersion(), s.getProjectId(), s.isShared());
    }

    private static TemplateVersion toView(String setName, TemplateVersionEntity v) {
        return new TemplateVersion(setName, v.getVersion(), v.getKind(), v.getChangelog(), v.getDigest(),
                v.getCreatedAt(), v.getCreatedBy());
    }

    private static TemplateVersion toView(String setName, VersionSummary v) {
        return new TemplateVersion(setName, v.version(), v.kind(), v.changelog(), v.digest(), v.createdAt(),
                v.createdBy());
    }
}
