package io.berth.server.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The walkthrough of README.md's section {@value #SECTION}: its shell blocks, each one marked with the
 * line {@value #MARKER} just before its fence, and what each block promises to print: its lines
 * {@code # → text}, in order, where {@code …} stands for any text.
 */
record ReadmeWalkthrough(List<Step> steps, int unmarkedShellBlocks) {

    static final String SECTION = "## Try it: the article on the demo";
    static final String MARKER = "<!-- demo-walkthrough -->";
    static final String EXPECT = "# → ";
    static final Path README = Path.of("..", "README.md");

    /** One marked block: its script and the lines it must print. */
    record Step(int number, String script, List<String> expected) {

        /**
         * Whether the output holds every expected line, in order, each matching one whole line (other
         * lines may come between them).
         */
        boolean printed(List<String> output) {
            int next = 0;
            for (String line : output) {
                if (next < expected.size() && pattern(expected.get(next)).matcher(line.stripTrailing()).matches()) {
                    next++;
                }
            }
            return next == expected.size();
        }

        private static Pattern pattern(String expected) {
            StringBuilder regex = new StringBuilder();
            String[] parts = expected.split("…", -1);
            for (int i = 0; i < parts.length; i++) {
                regex.append(Pattern.quote(parts[i]));
                if (i < parts.length - 1) {
                    regex.append(".*");
                }
            }
            return Pattern.compile(regex.toString());
        }
    }

    static ReadmeWalkthrough read() throws IOException {
        return parse(Files.readString(README));
    }

    static ReadmeWalkthrough parse(String readme) {
        int start = readme.indexOf("\n" + SECTION + "\n");
        if (start < 0) {
            throw new IllegalStateException("README.md has no section '" + SECTION + "'");
        }
        int end = readme.indexOf("\n## ", start + SECTION.length() + 1);
        List<String> lines = readme.substring(start, end < 0 ? readme.length() : end).lines().toList();
        List<Step> steps = new ArrayList<>();
        int unmarked = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("```sh")) {
                continue;
            }
            boolean marked = i > 0 && lines.get(i - 1).equals(MARKER);
            List<String> script = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
                script.add(lines.get(i));
                if (lines.get(i).startsWith(EXPECT)) {
                    expected.add(lines.get(i).substring(EXPECT.length()));
                }
            }
            if (marked) {
                steps.add(new Step(steps.size() + 1, String.join("\n", script), List.copyOf(expected)));
            } else {
                unmarked++;
            }
        }
        return new ReadmeWalkthrough(List.copyOf(steps), unmarked);
    }

    /**
     * One bash script of all the steps, in one shell (so the variables and functions of a step are there
     * for the next), each step's output between a start line and an end line that carries its exit status.
     */
    String script() {
        StringBuilder text = new StringBuilder("exec 2>&1\n");
        for (Step step : steps) {
            text.append("echo '").append(start(step.number())).append("'\n")
                    .append(step.script()).append('\n')
                    .append("echo \"::end ").append(step.number()).append(" status=$?::\"\n");
        }
        return text.toString();
    }

    static String start(int step) {
        return "::step " + step + "::";
    }
}
