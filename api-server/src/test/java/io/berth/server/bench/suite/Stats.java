package io.berth.server.bench.suite;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * A figure over its repetitions (or a latency over its requests): median and spread, and the 99th
 * percentile where there are enough values for one. Nearest-rank percentiles: no interpolation
 * invents a value that was never measured.
 */
public record Stats(double median, double min, double max, double p99, int count) {

    public static Stats of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public static Stats of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values measured");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(rank(sorted, 0.5), sorted[0], sorted[sorted.length - 1], rank(sorted, 0.99), sorted.length);
    }

    private static double rank(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** {@code 812 (790-830, n=5)}: median, then the least and the most seen. */
    public String format(String unit) {
        if (count == 1) {
            return number(median) + " " + unit;
        }
        return "%s %s (%s-%s, n=%d)".formatted(number(median), unit, number(min), number(max), count);
    }

    static String number(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
