package dev.localagent.studio.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.sim.fault.DurationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Ollama's native API: {@code GET /}, {@code /api/version}, {@code /api/tags}, {@code /api/ps},
 * {@code POST /api/show}, {@code /api/chat}, {@code /api/generate}. Streams NDJSON unless the
 * request says {@code "stream": false}; the final object carries {@code done_reason} and measured
 * nanosecond durations, zero metrics omitted (PROTOCOLS.md §1). Prompt tokens count the Llama 3
 * chat template: 1 for the start of text, 5 around each message, 4 for the assistant header.
 */
final class OllamaPersona extends PersonaEndpoint {

    static final String VERSION = "0.12.6";
    private static final String JSON_UTF8 = SimResponse.JSON_UTF8;

    private final OllamaModels models;

    OllamaPersona(SimOptions options, FaultController faults, SimStats stats) {
        super(options, faults, stats);
        this.models = new OllamaModels(options.clock());
    }

    @Override
    Persona persona() {
        return Persona.OLLAMA;
    }

    @Override
    void handle(SimExchange ex) throws IOException {
        String path = ex.path();
        String method = ex.method();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (options.apiKey() != null && !path.equals("/")) {
            String auth = ex.header("Authorization");
            if (auth == null || !auth.equals("Bearer " + options.apiKey())) {
                ex.send(error(401, "unauthorized"));
                return;
            }
        }
        switch (path) {
            case "/" -> {
                if (read) {
                    ex.send(SimResponse.text(200, "text/plain; charset=utf-8", "Ollama is running"));
                    return;
                }
            }
            case "/api/version" -> {
                if (read) {
                    ex.send(SimResponse.json(200, JSON_UTF8, SimJson.object().put("version", VERSION)));
                    return;
                }
            }
            case "/api/tags" -> {
                if (read) {
                    ex.send(SimResponse.json(200, JSON_UTF8, models.tags()));
                    return;
                }
            }
            case "/api/ps" -> {
                if (method.equals("GET")) {
                    ex.send(SimResponse.json(200, JSON_UTF8, models.running()));
                    return;
                }
            }
            case "/api/show" -> {
                if (method.equals("POST")) {
                    show(ex);
                    return;
                }
            }
            case "/api/chat", "/api/generate" -> {
                if (method.equals("POST")) {
                    generate(ex, path.equals("/api/chat"));
                    return;
                }
            }
            default -> { }
        }
        ex.send(SimResponse.text(404, "text/plain", "404 page not found"));
    }

    private void show(SimExchange ex) throws IOException {
        ObjectNode req = requestObject(ex);
        if (req == null) {
            return;
        }
        JsonNode name = req.has("model") ? req.get("model") : req.get("name");
        if (name != null && !name.isTextual() && !name.isNull()) {
            ex.send(unmarshal(name, "ShowRequest.model", "string"));
            return;
        }
        if (name == null || name.asText().isEmpty()) {
            ex.send(error(400, "model is required"));
            return;
        }
        var model = ModelCatalogue.find(Persona.OLLAMA, name.asText());
        ex.send(model.isPresent() ? SimResponse.json(200, JSON_UTF8, models.show(model.get())) : notFound(name.asText()));
    }

    /** The body as a JSON object, or {@code null} after the error was sent. */
    private ObjectNode requestObject(SimExchange ex) throws IOException {
        byte[] body = readBody(ex);
        return body == null ? null : requestObject(ex, body);
    }

    private ObjectNode requestObject(SimExchange ex, byte[] body) throws IOException {
        SimJson.Parsed parsed = SimJson.parse(body);
        if (parsed.empty()) {
            ex.send(error(400, "missing request body"));
            return null;
        }
        if (!parsed.ok()) {
            ex.send(error(400, goSyntaxError(parsed.problem())));
            return null;
        }
        if (!parsed.node().isObject()) {
            ex.send(error(400, "json: cannot unmarshal " + goType(parsed.node()) + " into Go value of type api.ChatRequest"));
            return null;
        }
        return (ObjectNode) parsed.node();
    }

    private void generate(SimExchange ex, boolean chat) throws IOException {
        byte[] body = readBody(ex);
        if (body == null || serveRemembered(ex, body)) {
            return;
        }
        ObjectNode req = requestObject(ex, body);
        if (req == null) {
            return;
        }
        String type = chat ? "ChatRequest" : "GenerateRequest";
        for (var field : new String[][] {{"model", "string"}, {"stream", "bool"}, {"options", "object"}, {"messages", "array"},
            {"prompt", "string"}, {"system", "string"}}) {
            JsonNode v = req.get(field[0]);
            if (v != null && !v.isNull() && !matches(v, field[1])) {
                ex.send(unmarshal(v, type + "." + field[0], field[1].equals("array") ? "[]api.Message" : field[1].equals("object") ? "map[string]interface {}" : field[1]));
                return;
            }
        }
        String name = req.path("model").asText("");
        if (name.isEmpty()) {
            ex.send(error(400, "model is required"));
            return;
        }
        var found = ModelCatalogue.find(Persona.OLLAMA, name);
        if (found.isEmpty()) {
            ex.send(notFound(name));
            return;
        }
        SimModel model = found.get();
        boolean stream = !req.has("stream") || req.get("stream").isNull() || req.get("stream").asBoolean();
        JsonNode options = req.path("options");
        Integer maxTokens = null;
        if (options.has("num_predict")) {
            JsonNode n = options.get("num_predict");
            if (!n.isIntegralNumber()) {
                ex.send(error(400, "json: cannot unmarshal " + goType(n) + " into Go struct field Options.num_predict of type int"));
                return;
            }
            maxTokens = n.asInt() < 0 ? null : n.asInt();
        }
        Duration keepAlive = keepAlive(req.get("keep_alive"));
        if (keepAlive == null) {
            ex.send(error(400, "time: invalid duration \"" + req.get("keep_alive").asText() + "\""));
            return;
        }
        StringBuilder conversation = new StringBuilder();
        int promptTokens = 0;
        if (chat) {
            for (JsonNode m : req.path("messages")) {
                String content = m.path("content").asText("");
                conversation.append(m.path("role").asText("user")).append(": ").append(content).append('\n');
                promptTokens += 5 + SimTokenizer.count(content);
            }
        } else {
            String system = req.path("system").asText("");
            String prompt = req.path("prompt").asText("");
            if (!system.isEmpty()) {
                conversation.append("system: ").append(system).append('\n');
                promptTokens += 5 + SimTokenizer.count(system);
            }
            if (!prompt.isEmpty()) {
                conversation.append("user: ").append(prompt).append('\n');
                promptTokens += 5 + SimTokenizer.count(prompt);
            }
        }
        Renderer renderer = new Renderer(name, chat, promptTokens);
        if (promptTokens == 0) {
            models.touch(model, keepAlive);
            // no messages or prompt: Ollama only loads (or, with keep_alive 0, unloads) the model
            ex.send(SimResponse.json(200, JSON_UTF8, renderer.loadOnly(keepAlive.isZero() ? "unload" : "load")));
            return;
        }
        promptTokens += 1 + 4;
        JsonNode seed = options.get("seed");
        Reply reply = ReplyGenerator.generate(model, conversation.toString(), seedOf(seed != null && seed.isIntegralNumber() ? seed.asLong() : null),
                maxTokens, 0, false);
        Renderer withPrompt = renderer.withPromptTokens(promptTokens);
        serveUnderstood(ex, body, new Understood(model, promptTokens, stream, reply, () -> withPrompt, () -> models.touch(model, keepAlive)));
    }

    private static Duration keepAlive(JsonNode v) {
        if (v == null || v.isNull()) {
            return OllamaModels.DEFAULT_KEEP_ALIVE;
        }
        try {
            Duration d = v.isNumber() ? Duration.ofSeconds(v.asLong()) : DurationText.parse(v.asText());
            return d.isNegative() ? Duration.ofDays(3650) : d;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    final class Renderer implements ChatRenderer, StreamScript {
        private final String requested;
        private final boolean chat;
        private final int promptTokens;

        Renderer(String requested, boolean chat, int promptTokens) {
            this.requested = requested;
            this.chat = chat;
            this.promptTokens = promptTokens;
        }

        Renderer withPromptTokens(int tokens) {
            return new Renderer(requested, chat, tokens);
        }

        private ObjectNode head(String text) {
            ObjectNode o = SimJson.object().put("model", requested).put("created_at", OllamaModels.rfc3339Nano(Instant.now(options.clock())));
            if (chat) {
                o.putObject("message").put("role", "assistant").put("content", text);
            } else {
                o.put("response", text);
            }
            return o;
        }

        ObjectNode loadOnly(String reason) {
            return head("").put("done_reason", reason).put("done", true);
        }

        @Override
        public SimResponse whole(Reply reply, StreamTimes times) {
            return SimResponse.json(200, JSON_UTF8, last(reply.text(), reply, times));
        }

        private ObjectNode last(String text, Reply reply, StreamTimes t) {
            ObjectNode o = head(text).put("done", true).put("done_reason", reply.cut() ? "length" : "stop");
            if (!chat) {
                ArrayNode context = o.putArray("context");
                for (int i = 0; i < contextLength(reply); i++) {
                    context.add(contextToken(i));
                }
            }
            counts(reply, t, (key, value) -> putNonZero(o, key, value));
            return o;
        }

        /** The length of a generate reply's {@code context} (made-up token ids: no client decodes them). */
        private int contextLength(Reply reply) {
            return Math.min(reply.completionTokens() + promptTokens, 64);
        }

        private static int contextToken(int i) {
            return 128000 + (i * 7919) % 128000;
        }

        /** The last object's counts and durations, in Ollama's order, to both ways of writing it. */
        private void counts(Reply reply, StreamTimes t, java.util.function.ObjLongConsumer<String> out) {
            out.accept("total_duration", t.totalNanos());
            out.accept("load_duration", t.loadNanos());
            out.accept("prompt_eval_count", promptTokens);
            out.accept("prompt_eval_duration", t.promptEvalNanos());
            out.accept("eval_count", reply.completionTokens());
            out.accept("eval_duration", t.evalNanos());
        }

        @Override
        public StreamScript stream() {
            return this;
        }

        @Override
        public String contentType() {
            return "application/x-ndjson";
        }

        @Override
        public byte[] open() {
            return new byte[0];
        }

        @Override
        public byte[] token(int index, String text) {
            // constant text is about 125 characters plus the model name; room for escapes too
            StringBuilder out = new StringBuilder(160 + requested.length() + 2 * text.length());
            FrameText.quote(out.append("{\"model\":"), requested).append(",\"created_at\":\"");
            FrameText.rfc3339Nano(out, Instant.now(options.clock())).append(chat ? "\",\"message\":{\"role\":\"assistant\",\"content\":" : "\",\"response\":");
            FrameText.quote(out, text).append(chat ? "},\"done\":false}\n" : ",\"done\":false}\n");
            return FrameText.utf8(out);
        }

        @Override
        public void token(int index, String text, int from, int to, FrameBuffer into) {
            into.text("{\"model\":").quoted(requested).text(",\"created_at\":\"").rfc3339Nano(Instant.now(options.clock()))
                    .text(chat ? "\",\"message\":{\"role\":\"assistant\",\"content\":" : "\",\"response\":")
                    .quoted(text, from, to).text(chat ? "},\"done\":false}\n" : ",\"done\":false}\n");
        }

        @Override
        public byte[] finish(Reply reply, StreamTimes times) {
            return line(last("", reply, times));
        }

        /**
         * {@link #last}'s object with empty text, written straight into the frame buffer: built as a
         * Jackson tree it was ~2 KB of garbage per stream, the largest of ours left in a streaming
         * run. Byte for byte what {@link #finish(Reply, StreamTimes)} writes, same field order.
         */
        @Override
        public void finish(Reply reply, StreamTimes t, FrameBuffer into) {
            into.text("{\"model\":").quoted(requested).text(",\"created_at\":\"").rfc3339Nano(Instant.now(options.clock()))
                    .text(chat ? "\",\"message\":{\"role\":\"assistant\",\"content\":\"\"}" : "\",\"response\":\"\"")
                    .text(reply.cut() ? ",\"done\":true,\"done_reason\":\"length\"" : ",\"done\":true,\"done_reason\":\"stop\"");
            if (!chat) {
                into.text(",\"context\":[");
                for (int i = 0; i < contextLength(reply); i++) {
                    (i == 0 ? into : into.ascii(',')).number(contextToken(i));
                }
                into.ascii(']');
            }
            counts(reply, t, (key, value) -> {
                if (value > 0) {
                    into.text(",\"").text(key).text("\":").number(value);
                }
            });
            into.text("}\n");
        }

        @Override
        public byte[] error(int status) {
            return line(SimJson.object().put("error", message(status)));
        }

        @Override
        public byte[] malformed() {
            return ("{\"model\":\"" + requested + "\",\"created_at\":\"" + OllamaModels.rfc3339Nano(Instant.now(options.clock())) + "\",\"mess\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] line(ObjectNode o) {
            byte[] json = SimJson.bytes(o);
            byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        }
    }

    private static final java.util.regex.Pattern BAD_CHAR = java.util.regex.Pattern.compile("(?:character \\(|token )'(.)");

    /** Words a Jackson syntax error the way Go's encoding/json does, which is what Ollama returns. */
    static String goSyntaxError(String jackson) {
        if (jackson == null || jackson.contains("end-of-input")) {
            return "unexpected EOF";
        }
        var m = BAD_CHAR.matcher(jackson);
        String c = m.find() ? m.group(1) : "?";
        return "invalid character '" + c + "' looking for beginning of " + (jackson.contains("field name") ? "object key string" : "value");
    }

    private static void putNonZero(ObjectNode o, String key, long value) {
        if (value > 0) {
            o.put(key, value);
        }
    }

    private static boolean matches(JsonNode v, String type) {
        return switch (type) {
            case "string" -> v.isTextual();
            case "bool" -> v.isBoolean();
            case "object" -> v.isObject();
            default -> v.isArray();
        };
    }

    private static String goType(JsonNode v) {
        return switch (SimJson.typeName(v)) {
            case "integer", "number" -> "number";
            case "boolean" -> "bool";
            default -> SimJson.typeName(v);
        };
    }

    private static SimResponse unmarshal(JsonNode v, String field, String type) {
        return error(400, "json: cannot unmarshal " + goType(v) + " into Go struct field " + field + " of type " + type);
    }

    private static SimResponse notFound(String name) {
        return error(404, "model '" + name + "' not found");
    }

    static SimResponse error(int status, String message) {
        return SimResponse.json(status, JSON_UTF8, SimJson.object().put("error", message));
    }

    private static String message(int status) {
        return switch (status) {
            case 503 -> "server busy, please try again.  maximum pending requests exceeded";
            case 429 -> "too many requests, please slow down";
            case 502 -> "an error was encountered while running the model: bad gateway";
            case 500 -> "llama runner process has terminated: exit status 2";
            default -> "simulated failure: HTTP " + status;
        };
    }

    @Override
    SimResponse statusError(int status, SimModel model, FaultDecision d) {
        SimResponse r = error(status, message(status));
        return status == 429 ? r.withHeaders(Map.of("retry-after", RetryAfter.header(d.retryAfter(), d.retryAfterAsDate(), options.clock()))) : r;
    }

    @Override
    SimResponse rateLimited(SimModel model, RateLimiter.Verdict v, boolean asDate) {
        return error(429, "too many requests: limit of " + ("requests".equals(v.exhausted()) ? v.limitRequests() + " requests" : v.limitTokens() + " tokens")
                + " per minute reached, retry in " + DurationText.go(Duration.ofMillis(v.retryAfter().toMillis())))
                .withHeaders(Map.of("retry-after", RetryAfter.header(v.retryAfter(), asDate, options.clock())));
    }

    @Override
    SimResponse tooLarge() {
        return error(413, "http: request body too large");
    }
}
