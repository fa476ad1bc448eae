package io.berth.template.internal.helm;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.berth.template.ContentLimits;
import io.berth.template.TemplateProblem;

/**
 * A chart archive ({@code .tgz}) read into memory and checked, before anything is written to disk.
 *
 * <p>Refused, each with a problem: an archive over {@link ContentLimits#maxBytes()}, one that
 * unpacks to more than {@value #MAX_EXPANSION} times that, more than {@value #MAX_ENTRIES} entries,
 * names that are absolute, hold a {@code ..} segment, a backslash or a NUL, symbolic and hard links
 * and every entry type other than files and directories, the same file twice, a file where another
 * entry needs a directory, and anything outside one top-level directory (the chart's, as
 * {@code helm package} writes it). Names are compared after dropping empty and {@code .} segments.
 */
public final class ChartArchive {

    /** At most this many entries (files, directories and refused entries alike). */
    public static final int MAX_ENTRIES = 1000;

    /** An archive unpacks to at most this many times {@link ContentLimits#maxBytes()}. */
    public static final int MAX_EXPANSION = 10;

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final int MAX_NAME_SHOWN = 200;

    private final String directory;
    private final SortedMap<String, byte[]> files;

    private ChartArchive(String directory, SortedMap<String, byte[]> files) {
        this.directory = directory;
        this.files = Collections.unmodifiableSortedMap(files);
    }

    /** The archive's files, or empty with the reasons added to {@code problems}. */
    public static Optional<ChartArchive> read(byte[] archive, ContentLimits limits, List<TemplateProblem> problems) {
        if (archive.length > limits.maxBytes()) {
            problems.add(TemplateProblem.at(null, "the chart archive is " + archive.length
                    + " bytes where at most " + limits.maxBytes() + " are allowed"));
            return Optional.empty();
        }
        if (archive.length < 2 || (archive[0] & 0xff) != 0x1f || (archive[1] & 0xff) != 0x8b) {
            problems.add(TemplateProblem.at(null, "the chart must be a gzip-compressed tar archive (.tgz)"));
            return Optional.empty();
        }
        long budget = limits.maxBytes() > Long.MAX_VALUE / MAX_EXPANSION
                ? Long.MAX_VALUE : limits.maxBytes() * MAX_EXPANSION;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            return read(new TarStream(gzip, budget), problems);
        } catch (ZipException | EOFException e) {
            problems.add(TemplateProblem.at(null, "the chart archive is not valid gzip data or is cut short"));
        } catch (TarStream.MalformedException e) {
            problems.add(TemplateProblem.at(null, "the chart archive is damaged: " + e.getMessage()));
        } catch (TarStream.TooLargeException e) {
            problems.add(TemplateProblem.at(null, "the chart archive unpacks to more than " + budget
                    + " bytes (" + MAX_EXPANSION + " times the content limit)"));
        } catch (IOException e) {
            problems.add(TemplateProblem.at(null, "the chart archive cannot be read: " + e.getMessage()));
        }
        return Optional.empty();
    }

    private static Optional<ChartArchive> read(TarStream tar, List<TemplateProblem> problems)
            throws IOException, TarStream.MalformedException, TarStream.TooLargeException {
        int before = problems.size();
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<String> directories = new ArrayList<>();
        String top = null;
        boolean reportedTops = false;
        int count = 0;
        for (TarStream.Entry entry = tar.next(); entry != null; entry = tar.next()) {
            if (++count > MAX_ENTRIES) {
                problems.add(TemplateProblem.at(null, "the chart archive has more than " + MAX_ENTRIES + " entries"));
                return Optional.empty();
            }
            List<String> segments = segments(entry, problems);
            if (segments == null || segments.isEmpty()) {
                continue;
            }
            String shown = shown(entry.name());
            if (top == null) {
                top = segments.get(0);
            } else if (!top.equals(segments.get(0)) && !reportedTops) {
                reportedTops = true;
                problems.add(TemplateProblem.at(shown, "the archive must hold one chart directory, but has \""
                        + shown(top) + "\" and \"" + shown(segments.get(0)) + "\""));
            }
            String path = String.join("/", segments.subList(1, segments.size()));
            if (entry.isDirectory()) {
                directories.add(path);
            } else if (segments.size() == 1) {
                problems.add(TemplateProblem.at(shown, "files must be inside the chart's directory"));
            } else if (files.putIfAbsent(path, entry.content()) != null) {
                problems.add(TemplateProblem.at(shown, "the archive holds this file twice"));
            }
        }
        checkParents(files, directories, top, problems);
        if (problems.size() == before && files.isEmpty()) {
            problems.add(TemplateProblem.at(null, "the chart archive holds no files"));
        }
        return problems.size() == before ? Optional.of(new ChartArchive(top, files)) : Optional.empty();
    }

    /** The name's segments without empty and {@code .} ones, or {@code null} when the entry is refused. */
    private static List<String> segments(TarStream.Entry entry, List<TemplateProblem> problems) {
        String name = entry.name();
        String shown = shown(name);
        if (!entry.isFile() && !entry.isDirectory()) {
            String what = entry.type() == '2' ? "symbolic links are not allowed"
                    : entry.type() == '1' ? "hard links are not allowed"
                    : "entries of tar type '" + shown(String.valueOf(entry.type())) + "' are not allowed";
            problems.add(TemplateProblem.at(shown, what + " (only files and directories)"));
            return null;
        }
        if (name.isEmpty()) {
            problems.add(TemplateProblem.at(null, "the archive has an entry without a name"));
            return null;
        }
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            problems.add(TemplateProblem.at(shown, "names must not hold a backslash or a NUL character"));
            return null;
        }
        if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
            problems.add(TemplateProblem.at(shown, "absolute paths are not allowed"));
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                problems.add(TemplateProblem.at(shown, "\"..\" is not allowed in names (it would leave the chart)"));
                return null;
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** A file must not stand where another entry needs a directory. */
    private static void checkParents(SortedMap<String, byte[]> files, List<String> directories, String top,
                                     List<TemplateProblem> problems) {
        List<String> paths = new ArrayList<>(files.keySet());
        paths.addAll(directories);
        for (String path : paths) {
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                String parent = path.substring(0, slash);
                if (files.containsKey(parent)) {
                    problems.add(TemplateProblem.at(shown(top + "/" + parent),
                            "the archive holds this name as a file and as a directory"));
                    return;
                }
            }
        }
        for (String directory : directories) {
            if (files.containsKey(directory)) {
                problems.add(TemplateProblem.at(shown(top + "/" + directory),
                        "the archive holds this name as a file and as a directory"));
                return;
            }
        }
    }

    /** A name as it may appear in a problem: control characters replaced, at most 200 characters. */
    static String shown(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(MAX_NAME_SHOWN).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return name.codePointCount(0, name.length()) > MAX_NAME_SHOWN ? shown + "…" : shown.toString();
    }

    /** The name of the chart's directory in the archive (a single, safe path segment). */
    public String directory() {
        return directory;
    }

    /** The files by path inside the chart's directory ({@code templates/service.yaml}), sorted. */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    /** A file of the chart as UTF-8 text. */
    public Optional<String> text(String path) {
        byte[] content = files.get(path);
        return content == null ? Optional.empty() : Optional.of(new String(content, StandardCharsets.UTF_8));
    }
}
