package dev.localagent.studio.service.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's service-level objectives, per request, as vLLM's goodput defines them: a request is
 * good when it succeeded and met every threshold given. Null thresholds are not checked.
 *
 * @param ttft most time to first token
 * @param tpot most time per output token
 * @param e2e most end-to-end latency
 */
public record Objectives(Duration ttft, Duration tpot, Duration e2e) {

    public static final Objectives NONE = new Objectives(null, null, null);

    /** What a stress run holds when the user named nothing: the example thresholds of the issue. */
    public static final Objectives STRESS_DEFAULT = new Objectives(Duration.ofMillis(500), null, Duration.ofSeconds(5));

    /** Reads {@code ttft=500ms,e2e=5s,tpot=50ms}; a one-line error for anything else. */
    public static Objectives parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Duration ttft = null;
        Duration tpot = null;
        Duration e2e = null;
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("objective '" + part.strip() + "' needs a value, e.g. ttft=500ms");
            }
            Duration value = DurationText.parse(kv[1]);
            switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
                case "ttft" -> ttft = value;
                case "tpot" -> tpot = value;
                case "e2e", "e2el" -> e2e = value;
                default -> throw new IllegalArgumentException("unknown objective '" + kv[0].strip() + "' (known: ttft, tpot, e2e)");
            }
        }
        return new Objectives(ttft, tpot, e2e);
    }

    public boolean isEmpty() {
        return ttft == null && tpot == null && e2e == null;
    }

    /**
     * Whether one successful request met every threshold. A threshold on a figure the request does
     * not have (TTFT of a non-streamed reply) counts as not met: nothing proves it was.
     */
    public boolean metBy(long ttftNanos, long tpotNanos, long e2eNanos) {
        return within(ttft, ttftNanos) && within(tpot, tpotNanos) && within(e2e, e2eNanos);
    }

    private static boolean within(Duration limit, long nanos) {
        return limit == null || (nanos >= 0 && nanos <= limit.toNanos());
    }

    /** {@code ttft=500ms,e2e=5s}: the form {@link #parse} reads. */
    public String text() {
        List<String> parts = new ArrayList<>();
        asMillis().forEach((k, v) -> parts.add(k + "=" + trim(v) + "ms"));
        return String.join(",", parts);
    }

    /** Thresholds in milliseconds by name, in a stable order, for reports. */
    public Map<String, Double> asMillis() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (ttft != null) {
            m.put("ttft", ttft.toNanos() / 1e6);
        }
        if (tpot != null) {
            m.put("tpot", tpot.toNanos() / 1e6);
        }
        if (e2e != null) {
            m.put("e2e", e2e.toNanos() / 1e6);
        }
        return m;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
