package dev.localagent.studio.sim.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the fault file format of docs/simulator.md — the same JSON that
 * {@code GET/PUT /_sim/faults} speak. Reading is strict: an unknown key or a wrong type is an error
 * that names the place, because a typo in a fault file would otherwise silently test nothing.
 */
public final class FaultPlanJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> PLAN_KEYS = Set.of("name", "seed", "faults", "personas", "timeline", "repeat", "start", "preset");
    private static final Set<String> PERSONAS = Set.of("ollama", "openai", "gemini", "perplexity");
    static final List<String> SET_KEYS = List.of("latency", "spikeRate", "spike", "errorRate", "errorStatus", "errorAfterTokens",
            "retryAfter", "retryAfterFormat", "rpm", "tpm", "stallRate", "stallAfterTokens", "stall", "dropRate",
            "dropAfterTokens", "malformedRate", "malformedAfterTokens", "truncateRate", "oversizedRate", "oversizedBytes",
            "ttft", "tps");

    private FaultPlanJson() {}

    /** Parses a plan; {@code {"preset":"flaky", ...}} starts from a preset and layers the rest on top. */
    public static FaultPlan read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fault plan is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("fault plan must be a JSON object");
        }
        return read(root);
    }

    public static FaultPlan read(JsonNode root) {
        root.fieldNames().forEachRemaining(k -> {
            if (!PLAN_KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' in fault plan (known: " + String.join(", ", PLAN_KEYS) + ")");
            }
        });
        FaultPlan base = root.has("preset") ? FaultPresets.get(text(root.get("preset"), "preset")) : FaultPlan.HEALTHY;
        String name = root.has("name") ? text(root.get("name"), "name") : root.has("preset") ? base.name() : "custom";
        long seed = root.has("seed") ? integer(root.get("seed"), "seed") : base.seed();
        FaultSet faults = root.has("faults") ? base.faults().overriddenBy(readSet(root.get("faults"), "faults")) : base.faults();
        Map<String, FaultSet> personas = new LinkedHashMap<>(base.personas());
        if (root.has("personas")) {
            JsonNode p = object(root.get("personas"), "personas");
            p.fieldNames().forEachRemaining(id -> {
                if (!PERSONAS.contains(id)) {
                    throw new IllegalArgumentException("unknown persona '" + id + "' in personas (known: ollama, openai, gemini, perplexity)");
                }
                personas.put(id, readSet(p.get(id), "personas." + id));
            });
        }
        List<FaultPhase> timeline = base.timeline();
        if (root.has("timeline")) {
            JsonNode t = root.get("timeline");
            if (!t.isArray()) {
                throw new IllegalArgumentException("timeline must be an array of phases");
            }
            timeline = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                timeline.add(readPhase(t.get(i), "timeline[" + i + "]"));
            }
        }
        boolean repeat = root.has("repeat") ? bool(root.get("repeat"), "repeat") : base.repeat();
        boolean startNow = base.startNow();
        if (root.has("start")) {
            String start = text(root.get("start"), "start");
            startNow = switch (start) {
                case "now" -> true;
                case "first-request" -> false;
                default -> throw new IllegalArgumentException("start must be 'first-request' or 'now', not '" + start + "'");
            };
        }
        return new FaultPlan(name, seed, faults, personas, timeline, repeat, startNow);
    }

    private static FaultPhase readPhase(JsonNode node, String where) {
        object(node, where);
        node.fieldNames().forEachRemaining(k -> {
            if (!Set.of("for", "faults", "outage").contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' in " + where + " (known: for, faults, outage)");
            }
        });
        if (!node.has("for")) {
            throw new IllegalArgumentException(where + " needs 'for' (how long the phase lasts, e.g. \"20s\")");
        }
        Duration length = duration(node.get("for"), where + ".for");
        FaultSet faults = node.has("faults") ? readSet(node.get("faults"), where + ".faults") : FaultSet.NONE;
        boolean outage = node.has("outage") && bool(node.get("outage"), where + ".outage");
        try {
            return new FaultPhase(length, faults, outage);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** Reads one layer of faults; see {@link FaultSet} for the meaning of each key. */
    public static FaultSet readSet(JsonNode node, String where) {
        object(node, where);
        FaultSet.Builder b = FaultSet.builder();
        node.fields().forEachRemaining(e -> {
            String k = e.getKey();
            JsonNode v = e.getValue();
            String at = where + "." + k;
            switch (k) {
                case "latency" -> b.latency(duration(v, at));
                case "spikeRate" -> b.spikeRate(rate(v, at));
                case "spike" -> b.spike(duration(v, at));
                case "errorRate" -> b.errorRate(rate(v, at));
                case "errorStatus" -> b.errorStatus(statuses(v, at));
                case "errorAfterTokens" -> b.errorAfterTokens(count(v, at));
                case "retryAfter" -> b.retryAfter(duration(v, at));
                case "retryAfterFormat" -> {
                    String f = text(v, at);
                    if (!f.equals("seconds") && !f.equals("http-date")) {
                        throw new IllegalArgumentException(at + " must be 'seconds' or 'http-date'");
                    }
                    b.retryAfterFormat(f);
                }
                case "rpm" -> b.rpm(count(v, at));
                case "tpm" -> b.tpm(count(v, at));
                case "stallRate" -> b.stallRate(rate(v, at));
                case "stallAfterTokens" -> b.stallAfterTokens(count(v, at));
                case "stall" -> b.stall(duration(v, at));
                case "dropRate" -> b.dropRate(rate(v, at));
                case "dropAfterTokens" -> b.dropAfterTokens(count(v, at));
                case "malformedRate" -> b.malformedRate(rate(v, at));
                case "malformedAfterTokens" -> b.malformedAfterTokens(count(v, at));
                case "truncateRate" -> b.truncateRate(rate(v, at));
                case "oversizedRate" -> b.oversizedRate(rate(v, at));
                case "oversizedBytes" -> b.oversizedBytes(count(v, at));
                case "ttft" -> b.ttft(duration(v, at));
                case "tps" -> {
                    if (!v.isNumber() || v.asDouble() < 0) {
                        throw new IllegalArgumentException(at + " must be a number >= 0 (0 = unpaced)");
                    }
                    b.tps(v.asDouble());
                }
                default -> throw new IllegalArgumentException("unknown fault '" + k + "' in " + where + " (known: " + String.join(", ", SET_KEYS) + ")");
            }
        });
        return b.build();
    }

    public static String write(FaultPlan plan) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(plan));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode toJson(FaultPlan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", plan.name());
        root.put("seed", plan.seed());
        root.set("faults", toJson(plan.faults()));
        ObjectNode personas = root.putObject("personas");
        plan.personas().forEach((k, v) -> personas.set(k, toJson(v)));
        ArrayNode timeline = root.putArray("timeline");
        for (FaultPhase phase : plan.timeline()) {
            ObjectNode p = timeline.addObject();
            p.put("for", DurationText.compact(phase.duration()));
            if (phase.outage()) {
                p.put("outage", true);
            }
            if (!phase.faults().isEmpty()) {
                p.set("faults", toJson(phase.faults()));
            }
        }
        root.put("repeat", plan.repeat());
        root.put("start", plan.startNow() ? "now" : "first-request");
        return root;
    }

    public static ObjectNode toJson(FaultSet s) {
        ObjectNode o = MAPPER.createObjectNode();
        putDuration(o, "latency", s.latency());
        putNumber(o, "spikeRate", s.spikeRate());
        putDuration(o, "spike", s.spike());
        putNumber(o, "errorRate", s.errorRate());
        if (s.errorStatus() != null) {
            ArrayNode a = o.putArray("errorStatus");
            s.errorStatus().forEach(a::add);
        }
        putNumber(o, "errorAfterTokens", s.errorAfterTokens());
        putDuration(o, "retryAfter", s.retryAfter());
        if (s.retryAfterFormat() != null) {
            o.put("retryAfterFormat", s.retryAfterFormat());
        }
        putNumber(o, "rpm", s.rpm());
        putNumber(o, "tpm", s.tpm());
        putNumber(o, "stallRate", s.stallRate());
        putNumber(o, "stallAfterTokens", s.stallAfterTokens());
        putDuration(o, "stall", s.stall());
        putNumber(o, "dropRate", s.dropRate());
        putNumber(o, "dropAfterTokens", s.dropAfterTokens());
        putNumber(o, "malformedRate", s.malformedRate());
        putNumber(o, "malformedAfterTokens", s.malformedAfterTokens());
        putNumber(o, "truncateRate", s.truncateRate());
        putNumber(o, "oversizedRate", s.oversizedRate());
        putNumber(o, "oversizedBytes", s.oversizedBytes());
        putDuration(o, "ttft", s.ttft());
        putNumber(o, "tps", s.tps());
        return o;
    }

    private static void putDuration(ObjectNode o, String k, Duration d) {
        if (d != null) {
            o.put(k, DurationText.compact(d));
        }
    }

    private static void putNumber(ObjectNode o, String k, Number n) {
        if (n instanceof Double d) {
            o.put(k, d);
        } else if (n != null) {
            o.put(k, n.intValue());
        }
    }

    private static JsonNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        return node;
    }

    private static String text(JsonNode v, String at) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException(at + " must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode v, String at) {
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(at + " must be true or false");
        }
        return v.asBoolean();
    }

    private static long integer(JsonNode v, String at) {
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException(at + " must be an integer");
        }
        return v.asLong();
    }

    private static int count(JsonNode v, String at) {
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(at + " must be a whole number >= 0");
        }
        return v.asInt();
    }

    private static double rate(JsonNode v, String at) {
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            throw new IllegalArgumentException(at + " must be a number from 0 to 1 (a share of requests)");
        }
        return v.asDouble();
    }

    private static Duration duration(JsonNode v, String at) {
        try {
            if (v.isNumber()) {
                return DurationText.parse(v.asText());
            }
            return DurationText.parse(text(v, at));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage());
        }
    }

    private static List<Integer> statuses(JsonNode v, String at) {
        if (!v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException(at + " must be a non-empty array of HTTP status codes");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode s : v) {
            if (!s.isIntegralNumber() || s.asInt() < 400 || s.asInt() > 599) {
                throw new IllegalArgumentException(at + " may hold only status codes 400..599, not " + s);
            }
            out.add(s.asInt());
        }
        return out;
    }
}
