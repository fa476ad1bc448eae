package io.berth.server.bench.suite;

/**
 * One line of the benchmark table: what was measured, its value, what it is compared with (the floor,
 * measured in the same run, or nothing), the target it is held to, and whether it was met ({@code null}
 * when the line has no target of its own, such as a floor or a figure given for context).
 */
public record Figure(String bench, String what, String value, String floor, String target, Boolean met) {

    public Figure {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a figure needs a value: " + what);
        }
    }

    public static Figure context(String bench, String what, String value) {
        return new Figure(bench, what, value, "", "", null);
    }

    public String verdict() {
        return met == null ? "" : met ? "met" : "**missed**";
    }
}
