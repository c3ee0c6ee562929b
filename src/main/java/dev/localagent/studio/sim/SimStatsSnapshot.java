package dev.localagent.studio.sim;

import java.util.Map;

/**
 * What the simulator has served so far, as {@code GET /_sim/stats} reports it. Immutable.
 *
 * @param statuses per persona id, the count of replies per HTTP status
 * @param faultsFired per fault kind ({@code error}, {@code stall}, {@code drop}, {@code outage}, ...)
 */
public record SimStatsSnapshot(long requests, long connections, Map<String, Map<Integer, Long>> statuses, Map<String, Long> faultsFired) {

    public SimStatsSnapshot {
        statuses = Map.copyOf(statuses);
        faultsFired = Map.copyOf(faultsFired);
    }

    public long requests(String persona) {
        return statuses.getOrDefault(persona, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(String persona, int status) {
        return statuses.getOrDefault(persona, Map.of()).getOrDefault(status, 0L);
    }

    public long fired(String kind) {
        return faultsFired.getOrDefault(kind, 0L);
    }
}
