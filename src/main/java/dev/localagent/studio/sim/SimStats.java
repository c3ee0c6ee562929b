package dev.localagent.studio.sim;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the simulator served: requests per persona and status, connections, and each fault
 * that actually fired (a stall planned after token 10 of a 5-token reply did not fire). Recording
 * is lock-free; {@link #snapshot()} gives an immutable copy. Thread-safe.
 */
final class SimStats {

    /** A client address and port not seen for this long counts as a new connection. */
    private static final long CONNECTION_MEMORY_NANOS = 60_000_000_000L;

    private final LongAdder requests = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final Map<String, Map<Integer, LongAdder>> byPersona = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, Long> lastSeen = new ConcurrentHashMap<>();
    private volatile long nextPrune = System.nanoTime() + CONNECTION_MEMORY_NANOS;

    /**
     * The JDK server does not tell us when it accepts a connection, so a connection is counted on
     * its first request: a client (address, port) not seen within the last minute.
     */
    void recordRequest(InetSocketAddress client) {
        requests.increment();
        long now = System.nanoTime();
        Long before = lastSeen.get(client);
        // write only when new or a second stale: a busy keep-alive connection then costs one read
        if (before == null || now - before > 1_000_000_000L) {
            lastSeen.put(client, now);
            if (before == null || now - before > CONNECTION_MEMORY_NANOS) {
                connections.increment();
            }
        }
        if (now > nextPrune) {
            nextPrune = now + CONNECTION_MEMORY_NANOS;
            lastSeen.values().removeIf(t -> now - t > CONNECTION_MEMORY_NANOS);
        }
    }

    void recordStatus(String persona, int status) {
        byPersona.computeIfAbsent(persona, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void recordFault(String kind) {
        faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    SimStatsSnapshot snapshot() {
        Map<String, Map<Integer, Long>> statuses = new TreeMap<>();
        byPersona.forEach((persona, m) -> {
            Map<Integer, Long> copy = new TreeMap<>();
            m.forEach((status, n) -> copy.put(status, n.sum()));
            statuses.put(persona, copy);
        });
        Map<String, Long> fired = new TreeMap<>();
        faults.forEach((k, n) -> fired.put(k, n.sum()));
        return new SimStatsSnapshot(requests.sum(), connections.sum(), statuses, fired);
    }
}
