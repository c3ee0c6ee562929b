package dev.localagent.studio.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.sim.fault.DurationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static dev.localagent.studio.sim.OpenAiWire.*;

/**
 * The OpenAI Chat Completions API under {@code /v1}: {@code POST /v1/chat/completions} (whole or
 * SSE), {@code GET /v1/models}, {@code GET /v1/models/{id}}; error objects, rate-limit headers and
 * validation as PROTOCOLS.md §2 describes. Prompt tokens count like the cookbook: 3 per message,
 * the role and content (and name, +1) tokens, and 3 for the reply primer.
 */
final class OpenAiPersona extends PersonaEndpoint {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final String FINGERPRINT = "fp_5d7a4e3b21";
    private static final String PARSE_ERROR = "We could not parse the JSON body of your request. (HINT: This likely means you aren't using"
            + " your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have"
            + " trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";
    private static final String NO_KEY = "You didn't provide an API key. You need to provide your API key in an Authorization header"
            + " using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're"
            + " accessing the API from your browser and are prompted for a username and password. You can obtain an API key from"
            + " https://platform.openai.com/account/api-keys.";

    private final AtomicLong ids = new AtomicLong();

    OpenAiPersona(SimOptions options, FaultController faults, SimStats stats) {
        super(options, faults, stats);
    }

    @Override
    Persona persona() {
        return Persona.OPENAI;
    }

    @Override
    void handle(SimExchange ex) throws IOException {
        String path = ex.path();
        String method = ex.method();
        SimResponse denied = checkKey(ex);
        if (denied != null) {
            ex.send(denied);
        } else if (path.equals("/v1/chat/completions") && method.equals("POST")) {
            chat(ex);
        } else if (path.equals("/v1/models") && method.equals("GET")) {
            ArrayNode data = SimJson.MAPPER.createArrayNode();
            ModelCatalogue.of(Persona.OPENAI).forEach(m -> data.add(modelJson(m)));
            ObjectNode list = SimJson.object().put("object", "list");
            list.set("data", data);
            ex.send(SimResponse.json(200, list));
        } else if (path.startsWith("/v1/models/") && method.equals("GET")) {
            String id = path.substring("/v1/models/".length());
            var model = ModelCatalogue.find(Persona.OPENAI, id);
            ex.send(model.isPresent() ? SimResponse.json(200, modelJson(model.get())) : modelNotFound(id));
        } else {
            ex.send(error(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null));
        }
    }

    private SimResponse checkKey(SimExchange ex) {
        if (options.apiKey() == null) {
            return null;
        }
        String auth = ex.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() == "Bearer ".length()) {
            return error(401, NO_KEY, "invalid_request_error", null, null);
        }
        String key = auth.substring("Bearer ".length()).trim();
        if (key.equals(options.apiKey())) {
            return null;
        }
        return error(401, "Incorrect API key provided: " + mask(key) + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error", null, "invalid_api_key");
    }

    private void chat(SimExchange ex) throws IOException {
        byte[] body = readBody(ex);
        if (body == null || serveRemembered(ex, body)) {
            return;
        }
        SimJson.Parsed parsed = SimJson.parse(body);
        if (!parsed.ok() || !parsed.node().isObject()) {
            ex.send(error(400, PARSE_ERROR, "invalid_request_error", null, null));
            return;
        }
        ObjectNode req = (ObjectNode) parsed.node();
        JsonNode modelNode = req.get("model");
        if (modelNode == null || modelNode.isNull()) {
            ex.send(error(400, "you must provide a model parameter", "invalid_request_error", null, null));
            return;
        }
        if (!modelNode.isTextual()) {
            ex.send(invalidType("model", "a string", modelNode));
            return;
        }
        JsonNode messages = req.get("messages");
        if (messages == null || messages.isNull()) {
            ex.send(error(400, "Missing required parameter: 'messages'.", "invalid_request_error", "messages", "missing_required_parameter"));
            return;
        }
        if (!messages.isArray()) {
            ex.send(invalidType("messages", "an array", messages));
            return;
        }
        if (messages.isEmpty()) {
            ex.send(error(400, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                    "invalid_request_error", "messages", "empty_array"));
            return;
        }
        StringBuilder conversation = new StringBuilder();
        int promptTokens = 3;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String at = "messages[" + i + "]";
            if (!m.isObject()) {
                ex.send(invalidType(at, "an object", m));
                return;
            }
            JsonNode role = m.get("role");
            if (role == null || role.isNull()) {
                ex.send(error(400, "Missing required parameter: '" + at + ".role'.", "invalid_request_error", at + ".role", "missing_required_parameter"));
                return;
            }
            if (!role.isTextual() || !ROLES.contains(role.asText())) {
                ex.send(error(400, "Invalid value: '" + role.asText() + "'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
                        "invalid_request_error", at + ".role", "invalid_value"));
                return;
            }
            JsonNode content = m.get("content");
            String text;
            if (content == null || content.isNull()) {
                if (!role.asText().equals("assistant")) {
                    ex.send(error(400, "Missing required parameter: '" + at + ".content'.", "invalid_request_error", at + ".content", "missing_required_parameter"));
                    return;
                }
                text = "";
            } else if (content.isTextual()) {
                text = content.asText();
            } else if (content.isArray()) {
                StringBuilder parts = new StringBuilder();
                for (JsonNode part : content) {
                    if (part.isObject() && part.path("text").isTextual()) {
                        parts.append(part.get("text").asText());
                    }
                }
                text = parts.toString();
            } else {
                ex.send(invalidType(at + ".content", "one of a string or array of objects", content));
                return;
            }
            promptTokens += 3 + SimTokenizer.count(role.asText()) + SimTokenizer.count(text);
            if (m.path("name").isTextual()) {
                promptTokens += 1 + SimTokenizer.count(m.get("name").asText());
            }
            conversation.append(role.asText()).append(": ").append(text).append('\n');
        }
        JsonNode streamNode = req.get("stream");
        if (streamNode != null && !streamNode.isNull() && !streamNode.isBoolean()) {
            ex.send(invalidType("stream", "a boolean", streamNode));
            return;
        }
        boolean stream = streamNode != null && streamNode.asBoolean();
        JsonNode streamOptions = req.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull() && !stream) {
            ex.send(error(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "invalid_request_error", "stream_options", null));
            return;
        }
        var found = ModelCatalogue.find(Persona.OPENAI, modelNode.asText());
        if (found.isEmpty()) {
            ex.send(modelNotFound(modelNode.asText()));
            return;
        }
        SimModel model = found.get();
        Integer maxTokens = null;
        for (String name : new String[] {"max_tokens", "max_completion_tokens"}) {
            JsonNode limit = req.get(name);
            if (limit == null || limit.isNull()) {
                continue;
            }
            if (name.equals("max_tokens") && model.reasoning()) {
                ex.send(error(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
                        "invalid_request_error", "max_tokens", "unsupported_parameter"));
                return;
            }
            if (!limit.isIntegralNumber()) {
                ex.send(invalidType(name, "an integer", limit));
                return;
            }
            if (limit.asLong() < 1) {
                ex.send(error(400, "Invalid '" + name + "': integer below minimum value. Expected a value >= 1, but got " + limit.asLong() + " instead.",
                        "invalid_request_error", name, "integer_below_min_value"));
                return;
            }
            if (limit.asLong() > model.maxOutputTokens()) {
                ex.send(error(400, "max_tokens is too large: " + limit.asLong() + ". This model supports at most " + model.maxOutputTokens()
                        + " completion tokens, whereas you provided " + limit.asLong() + ".", "invalid_request_error", name, "invalid_value"));
                return;
            }
            maxTokens = maxTokens == null ? limit.asInt() : Math.min(maxTokens, limit.asInt());
        }
        if (promptTokens + (maxTokens == null ? 0 : maxTokens) > model.contextLength()) {
            ex.send(error(400, "This model's maximum context length is " + model.contextLength() + " tokens. However, your messages resulted in "
                    + promptTokens + " tokens. Please reduce the length of the messages.", "invalid_request_error", "messages", "context_length_exceeded"));
            return;
        }
        JsonNode seed = req.get("seed");
        Long requestSeed = seed != null && seed.isIntegralNumber() ? seed.asLong() : null;
        Reply reply = ReplyGenerator.generate(model, conversation.toString(), seedOf(requestSeed), maxTokens, 0, false);
        boolean includeUsage = streamOptions != null && streamOptions.path("include_usage").asBoolean(false);
        boolean obfuscate = streamOptions == null || streamOptions.path("include_obfuscation").asBoolean(true);
        int prompt = promptTokens;
        WholeBodyTail tail = new WholeBodyTail(reply);
        serveUnderstood(ex, body, new Understood(model, prompt, stream, reply, () -> new Renderer(model, prompt, includeUsage, obfuscate, tail), () -> {}));
    }

    /**
     * Everything of a whole reply after {@code "created"} depends only on the request, so it is
     * serialised once per remembered request and only the id and timestamp are written each time.
     */
    private static final class WholeBodyTail {
        private final Reply reply;
        private volatile byte[] bytes;

        WholeBodyTail(Reply reply) {
            this.reply = reply;
        }
    }

    private static final String TOKEN_TAIL = "},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null";

    private final class Renderer implements ChatRenderer, StreamScript {
        private final SimModel model;
        private final int promptTokens;
        private final boolean includeUsage;
        private final boolean obfuscate;
        private final String id = "chatcmpl-" + Long.toString(0x1000000000L + ids.incrementAndGet(), 36) + randomTail(20);
        private final long created = options.clock().instant().getEpochSecond();

        private final WholeBodyTail tail;

        Renderer(SimModel model, int promptTokens, boolean includeUsage, boolean obfuscate, WholeBodyTail tail) {
            this.tail = tail;
            this.model = model;
            this.promptTokens = promptTokens;
            this.includeUsage = includeUsage;
            this.obfuscate = obfuscate;
        }

        @Override
        public SimResponse whole(Reply reply, StreamTimes times) {
            byte[] rest = reply == tail.reply ? tail.bytes : null;
            if (rest == null) {
                rest = restOfWhole(reply);
                if (reply == tail.reply) {
                    tail.bytes = rest;
                }
            }
            byte[] head = ("{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":" + created + ",").getBytes(StandardCharsets.US_ASCII);
            byte[] body = java.util.Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, body, head.length, rest.length);
            return new SimResponse(200, SimResponse.JSON, body, Map.of());
        }

        /** The whole reply's fields after {@code created}, closing brace included, opening one left off. */
        private byte[] restOfWhole(Reply reply) {
            ObjectNode root = SimJson.object().put("model", model.snapshot());
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", reply.text());
            message.putNull("refusal");
            message.putArray("annotations");
            choice.putNull("logprobs");
            choice.put("finish_reason", reply.cut() ? "length" : "stop");
            root.set("usage", usage(reply));
            root.put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
            byte[] json = SimJson.bytes(root);
            return java.util.Arrays.copyOfRange(json, 1, json.length);
        }

        @Override
        public StreamScript stream() {
            return this;
        }

        @Override
        public String contentType() {
            return "text/event-stream; charset=utf-8";
        }

        @Override
        public byte[] open() {
            ObjectNode delta = SimJson.object().put("role", "assistant").put("content", "");
            delta.putNull("refusal");
            return chunk(delta, null);
        }

        private String tokenPrefix;
        private byte[] tokenPrefixBytes;

        private String tokenPrefix() {
            if (tokenPrefix == null) {
                StringBuilder p = new StringBuilder(256).append("data: {\"id\":");
                FrameText.quote(p, id).append(",\"object\":\"chat.completion.chunk\",\"created\":").append(created).append(",\"model\":");
                FrameText.quote(p, model.snapshot()).append(",\"service_tier\":\"default\",\"system_fingerprint\":\"").append(FINGERPRINT)
                        .append("\",\"choices\":[{\"index\":0,\"delta\":{\"content\":");
                tokenPrefix = p.toString();
                tokenPrefixBytes = tokenPrefix.getBytes(StandardCharsets.UTF_8);
            }
            return tokenPrefix;
        }

        @Override
        public byte[] token(int index, String text) {
            String prefix = tokenPrefix();
            StringBuilder out = new StringBuilder(prefix.length() + 112 + 2 * text.length()).append(prefix);
            FrameText.quote(out, text).append(TOKEN_TAIL);
            if (obfuscate) {
                out.append(",\"obfuscation\":\"").append(randomTail(1 + ThreadLocalRandom.current().nextInt(12))).append('"');
            }
            return FrameText.utf8(out.append("}\n\n"));
        }

        @Override
        public void token(int index, String text, int from, int to, FrameBuffer into) {
            tokenPrefix();
            into.append(tokenPrefixBytes).quoted(text, from, to).text(TOKEN_TAIL);
            if (obfuscate) {
                into.text(",\"obfuscation\":\"");
                randomTail(into, 1 + ThreadLocalRandom.current().nextInt(12));
                into.text("\"");
            }
            into.text("}\n\n");
        }

        @Override
        public byte[] finish(Reply reply, StreamTimes times) {
            byte[] finish = chunk(SimJson.object(), reply.cut() ? "length" : "stop");
            StringBuilder tail = new StringBuilder(new String(finish, StandardCharsets.UTF_8));
            if (includeUsage) {
                ObjectNode root = head();
                root.putArray("choices");
                root.set("usage", usage(reply));
                if (obfuscate) {
                    root.put("obfuscation", randomTail(8));
                }
                tail.append("data: ").append(SimJson.string(root)).append("\n\n");
            }
            tail.append("data: [DONE]\n\n");
            return tail.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] error(int status) {
            ObjectNode body = errorBody(serverMessage(status), "server_error", null, null);
            return ("data: " + SimJson.string(body) + "\n\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] malformed() {
            return ("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private ObjectNode head() {
            return SimJson.object().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                    .put("model", model.snapshot()).put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
        }

        private byte[] chunk(ObjectNode delta, String finishReason) {
            ObjectNode root = head();
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
            root.putNull("usage");
            if (obfuscate) {
                root.put("obfuscation", randomTail(1 + ThreadLocalRandom.current().nextInt(12)));
            }
            byte[] json = SimJson.bytes(root);
            byte[] frame = new byte[json.length + 8];
            System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 6);
            System.arraycopy(json, 0, frame, 6, json.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            return frame;
        }

        private ObjectNode usage(Reply reply) {
            ObjectNode usage = SimJson.object().put("prompt_tokens", promptTokens).put("completion_tokens", reply.completionTokens())
                    .put("total_tokens", promptTokens + reply.completionTokens());
            usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
            usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                    .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
            return usage;
        }
    }

    @Override
    Map<String, String> successHeaders(SimModel model, RateLimiter.Verdict v, long receivedNanos) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-request-id", "req_" + randomHex(32));
        h.put("openai-organization", "user-simulator");
        h.put("openai-processing-ms", Long.toString(Math.max(1, (System.nanoTime() - receivedNanos) / 1_000_000)));
        h.put("openai-version", "2020-10-01");
        if (v != null) {
            h.putAll(rateLimitHeaders(v));
        }
        return h;
    }

    @Override
    SimResponse rateLimited(SimModel model, RateLimiter.Verdict v, boolean asDate) {
        boolean requests = "requests".equals(v.exhausted());
        String what = requests ? "requests per min (RPM): Limit " + v.limitRequests() + ", Used " + (v.limitRequests() - v.remainingRequests())
                + ", Requested 1" : "tokens per min (TPM): Limit " + v.limitTokens() + ", Used " + v.usedTokens() + ", Requested " + v.requested();
        String message = "Rate limit reached for " + model.id() + " in organization org-simulator on " + what + ". Please try again in "
                + DurationText.go(roundMs(v.retryAfter())) + ". Visit https://platform.openai.com/account/rate-limits to learn more.";
        Map<String, String> h = new LinkedHashMap<>(rateLimitHeaders(v));
        h.put("retry-after", RetryAfter.header(v.retryAfter(), asDate, options.clock()));
        h.put("x-request-id", "req_" + randomHex(32));
        return error(429, message, requests ? "requests" : "tokens", null, "rate_limit_exceeded").withHeaders(h);
    }

    @Override
    SimResponse statusError(int status, SimModel model, FaultDecision d) {
        if (status == 429) {
            return error(429, "Rate limit reached for " + model.id() + " in organization org-simulator on requests per min (RPM): Limit 60, Used 60,"
                    + " Requested 1. Please try again in " + DurationText.go(d.retryAfter()) + ". Visit https://platform.openai.com/account/rate-limits to learn more.",
                    "requests", null, "rate_limit_exceeded")
                    .withHeaders(Map.of("retry-after", RetryAfter.header(d.retryAfter(), d.retryAfterAsDate(), options.clock())));
        }
        if (status >= 500) {
            return error(status, serverMessage(status), "server_error", null, null);
        }
        return error(status, "Simulated failure: HTTP " + status + ".", "invalid_request_error", null, null);
    }

    @Override
    SimResponse tooLarge() {
        return error(413, "Request body too large. The maximum request size is " + options.maxBodyBytes() + " bytes.", "invalid_request_error", null, null);
    }

    private SimResponse modelNotFound(String id) {
        return error(404, "The model `" + id + "` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found");
    }

}
