package io.berth.template;

import java.util.List;

/**
 * What loading the example templates did.
 *
 * @param created the sets created, as {@code name@version}
 * @param skipped the sets left alone because a set of that name existed already
 */
public record SeedReport(List<String> created, List<String> skipped) {

    public SeedReport {
        created = List.copyOf(created);
        skipped = List.copyOf(skipped);
    }
}
