package io.berth.server.bench.suite;

import io.berth.server.testsupport.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Probe rounds as the API shows them: every cluster's {@code lastProbeAt} (the server's time at which its
 * probe ended) is read from {@code GET /clusters} often enough not to miss a value, and the probes seen are
 * grouped into rounds.
 *
 * <p>A round is not visible as such in the API, so it is found in two steps. First, the background prober
 * works without a pause while a round runs: each busy worker ends a probe within the probe time-out, so a
 * pause longer than that ({@code pause}) without any probe ending means the prober was idle, and the
 * probes after it belong to new rounds. Second, within the probes after such a pause, each cluster is
 * probed once per round, so the i-th probe of every cluster belongs to the i-th round. A round's duration
 * is from its first probe's end to its last probe's end: it leaves out the first probe's own duration (a
 * reachable cluster's, milliseconds), so it is slightly short. The probes before the first pause seen are
 * not used (that round may have begun before the observation).
 *
 * <p>When rounds take longer than the interval, the next round starts while clusters of the last one still
 * wait, and the prober skips those (it never probes one cluster twice at once): such a cluster then goes
 * two intervals without a probe. That is visible without finding rounds, as {@link Observation#longestUnprobed()}.
 */
final class ProbeRounds {

    /**
     * What was seen: the duration of each complete round found, how many rounds after a pause missed a
     * cluster (skipped), and the longest time any cluster went between two probes.
     */
    record Observation(List<Duration> rounds, int roundsMissingClusters, Duration longestUnprobed) {
    }

    private record Probe(String cluster, Instant endedAt) {
    }

    private final Api api;
    private final String token;

    ProbeRounds(Api api, String token) {
        this.api = api;
        this.token = token;
    }

    /** Every cluster's last probe time, by name (clusters never probed are left out). */
    Map<String, Instant> lastProbes() {
        Map<String, Instant> last = new HashMap<>();
        for (JsonNode cluster : clusters()) {
            JsonNode at = cluster.get("lastProbeAt");
            if (at != null && !at.isNull()) {
                last.put(cluster.get("name").asString(), Instant.parse(at.asString()));
            }
        }
        return last;
    }

    /** Every registered cluster as the API shows it (one page: at most 500). */
    List<JsonNode> clusters() {
        Api.Reply reply = api.get("/api/v1/clusters?limit=500", token);
        if (reply.status() != 200) {
            throw new IllegalStateException("listing clusters: " + reply.status());
        }
        JsonNode body = reply.json();
        if (!body.get("nextCursor").isNull()) {
            throw new IllegalStateException("more than one page of clusters: the bench reads one");
        }
        List<JsonNode> items = new ArrayList<>();
        body.get("items").forEach(items::add);
        return items;
    }

    /** Reads the clusters every {@code poll} for {@code during}, then finds the rounds in what it saw. */
    Observation observe(Duration during, Duration poll, Duration pause) throws InterruptedException {
        Map<String, Instant> before = lastProbes();
        Map<String, Instant> seen = new HashMap<>(before);
        List<Probe> probes = new ArrayList<>();
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(poll.toMillis());
            lastProbes().forEach((cluster, at) -> {
                if (!at.equals(seen.put(cluster, at))) {
                    probes.add(new Probe(cluster, at));
                }
            });
        }
        probes.sort(Comparator.comparing(Probe::endedAt));
        return new Observation(rounds(probes, before, pause), missing(probes, before, pause), longestUnprobed(probes, before, Instant.now()));
    }

    private static List<Duration> rounds(List<Probe> probes, Map<String, Instant> before, Duration pause) {
        List<Duration> rounds = new ArrayList<>();
        for (List<Map<String, Instant>> group : afterPauses(probes, before, pause)) {
            for (Map<String, Instant> round : group) {
                if (round.keySet().containsAll(before.keySet())) {
                    Instant first = round.values().stream().min(Comparator.naturalOrder()).orElseThrow();
                    Instant last = round.values().stream().max(Comparator.naturalOrder()).orElseThrow();
                    rounds.add(Duration.between(first, last));
                }
            }
        }
        return rounds;
    }

    /** Rounds after a pause that lack a cluster although later rounds were seen (the last one may be cut off). */
    private static int missing(List<Probe> probes, Map<String, Instant> before, Duration pause) {
        int missing = 0;
        for (List<Map<String, Instant>> group : afterPauses(probes, before, pause)) {
            for (int i = 0; i < group.size() - 1; i++) {
                if (!group.get(i).keySet().containsAll(before.keySet())) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /**
     * The probes in stretches of work that each began after a pause (the first stretch, which may have begun
     * before the observation, is left out unless a pause preceded it), each split into its rounds: the i-th
     * probe of each cluster in the stretch is in its i-th round.
     */
    private static List<List<Map<String, Instant>>> afterPauses(List<Probe> probes, Map<String, Instant> before, Duration pause) {
        List<List<Map<String, Instant>>> stretches = new ArrayList<>();
        Instant previous = before.values().stream().max(Comparator.naturalOrder()).orElse(Instant.MIN);
        List<Map<String, Instant>> stretch = null;
        Map<String, Integer> probesInStretch = new HashMap<>();
        for (Probe probe : probes) {
            if (Duration.between(previous, probe.endedAt()).compareTo(pause) > 0) {
                stretch = new ArrayList<>();
                stretches.add(stretch);
                probesInStretch.clear();
            }
            previous = probe.endedAt();
            if (stretch == null) {
                continue;
            }
            int index = probesInStretch.merge(probe.cluster(), 1, Integer::sum) - 1;
            while (stretch.size() <= index) {
                stretch.add(new LinkedHashMap<>());
            }
            stretch.get(index).put(probe.cluster(), probe.endedAt());
        }
        return stretches;
    }

    /** The longest time between two probes of one cluster (or from its last probe until now). */
    private static Duration longestUnprobed(List<Probe> probes, Map<String, Instant> before, Instant now) {
        Map<String, Instant> last = new HashMap<>(before);
        Duration longest = Duration.ZERO;
        for (Probe probe : probes) {
            Instant previous = last.put(probe.cluster(), probe.endedAt());
            if (previous != null && Duration.between(previous, probe.endedAt()).compareTo(longest) > 0) {
                longest = Duration.between(previous, probe.endedAt());
            }
        }
        for (Instant at : last.values()) {
            if (Duration.between(at, now).compareTo(longest) > 0) {
                longest = Duration.between(at, now);
            }
        }
        return longest;
    }
}
