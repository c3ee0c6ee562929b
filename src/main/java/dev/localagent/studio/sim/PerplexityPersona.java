package dev.localagent.studio.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Perplexity's Sonar chat completions at {@code POST /chat/completions}: OpenAI-shaped, plus
 * {@code citations}, {@code search_results} and {@code usage.cost} from the price table; SSE
 * ending in {@code data: [DONE]} with the metadata on the final chunk; integer error codes, 400
 * for an unknown model, and the HTML page for a bad key (PROTOCOLS.md §5). Prompt tokens are the
 * content tokens of every message.
 */
final class PerplexityPersona extends PersonaEndpoint {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    private static final List<String> CONTEXT_SIZES = List.of("low", "medium", "high");
    static final String UNAUTHORIZED_HTML = "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n"
            + "<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty/1.25.3.1</center>\r\n</body>\r\n</html>\r\n";

    PerplexityPersona(SimOptions options, FaultController faults, SimStats stats) {
        super(options, faults, stats);
    }

    @Override
    Persona persona() {
        return Persona.PERPLEXITY;
    }

    @Override
    void handle(SimExchange ex) throws IOException {
        if (options.apiKey() != null && !("Bearer " + options.apiKey()).equals(ex.header("Authorization"))) {
            ex.send(SimResponse.text(401, "text/html", UNAUTHORIZED_HTML));
            return;
        }
        if (!ex.method().equals("POST")) {
            ex.send(error(405, "Method Not Allowed", "method_not_allowed"));
            return;
        }
        byte[] body = readBody(ex);
        if (body == null || serveRemembered(ex, body)) {
            return;
        }
        SimJson.Parsed parsed = SimJson.parse(body);
        if (!parsed.ok() || !parsed.node().isObject()) {
            ex.send(error(400, "Invalid JSON in request body", "invalid_request_error"));
            return;
        }
        JsonNode req = parsed.node();
        JsonNode modelNode = req.get("model");
        if (modelNode == null || !modelNode.isTextual()) {
            ex.send(error(400, "Field 'model' is required and must be a string", "invalid_request_error"));
            return;
        }
        var found = ModelCatalogue.find(Persona.PERPLEXITY, modelNode.asText());
        if (found.isEmpty()) {
            ex.send(error(400, "Invalid model '" + modelNode.asText() + "'. Permitted models can be found in the documentation at"
                    + " https://docs.perplexity.ai/getting-started/models.", "invalid_model"));
            return;
        }
        JsonNode messages = req.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            ex.send(error(400, "Field 'messages' is required and must be a non-empty list", "invalid_message"));
            return;
        }
        StringBuilder conversation = new StringBuilder();
        int promptTokens = 0;
        for (JsonNode m : messages) {
            if (!m.isObject() || !m.path("role").isTextual() || !ROLES.contains(m.get("role").asText()) || !m.path("content").isTextual()) {
                ex.send(error(400, "Each message needs a 'role' (system, user, assistant or tool) and a string 'content'", "invalid_message"));
                return;
            }
            String content = m.get("content").asText();
            promptTokens += SimTokenizer.count(content);
            conversation.append(m.get("role").asText()).append(": ").append(content).append('\n');
        }
        if (!messages.get(messages.size() - 1).get("role").asText().equals("user")) {
            ex.send(error(400, "Last message must have role `user`.", "invalid_message"));
            return;
        }
        Integer maxTokens = null;
        JsonNode max = req.get("max_tokens");
        if (max != null && !max.isNull()) {
            if (!max.isIntegralNumber() || max.asInt() < 1) {
                ex.send(error(400, "Field 'max_tokens' must be a positive integer", "invalid_request_error"));
                return;
            }
            maxTokens = max.asInt();
        }
        JsonNode streamNode = req.get("stream");
        if (streamNode != null && !streamNode.isNull() && !streamNode.isBoolean()) {
            ex.send(error(400, "Field 'stream' must be a boolean", "invalid_request_error"));
            return;
        }
        String contextSize = req.path("web_search_options").path("search_context_size").asText("low");
        if (!CONTEXT_SIZES.contains(contextSize)) {
            ex.send(error(400, "search_context_size must be one of low, medium, high", "invalid_request_error"));
            return;
        }
        SimModel model = found.get();
        String conv = conversation.toString();
        int citations = 2 + (int) Math.floorMod(ReplyGenerator.fnv(conv), 4);
        Reply reply = ReplyGenerator.generate(model, conv, seedOf(null), maxTokens, citations, false);
        boolean stream = streamNode != null && streamNode.asBoolean();
        int prompt = promptTokens;
        serveUnderstood(ex, body, new Understood(model, prompt, stream, reply, () -> new Renderer(model, prompt, contextSize, citations, conv), () -> {}));
    }

    private final class Renderer implements ChatRenderer, StreamScript {
        private final SimModel model;
        private final int promptTokens;
        private final String contextSize;
        private final int citations;
        private final String conversation;
        private final String id = UUID.randomUUID().toString();
        private final long created = options.clock().instant().getEpochSecond();

        Renderer(SimModel model, int promptTokens, String contextSize, int citations, String conversation) {
            this.model = model;
            this.promptTokens = promptTokens;
            this.contextSize = contextSize;
            this.citations = citations;
            this.conversation = conversation;
        }

        private ObjectNode head(String object) {
            return SimJson.object().put("id", id).put("model", model.id()).put("created", created).put("object", object);
        }

        private void metadata(ObjectNode root, Reply reply) {
            long h = ReplyGenerator.fnv(conversation);
            ArrayNode cites = root.putArray("citations");
            ArrayNode results = root.putArray("search_results");
            LocalDate today = LocalDate.ofInstant(options.clock().instant(), ZoneOffset.UTC);
            for (int i = 0; i < citations; i++) {
                String host = List.of("docs.example.org", "blog.example.com", "wiki.example.net", "research.example.edu").get(i % 4);
                String url = "https://" + host + "/articles/" + Long.toHexString(Math.abs(h >> i) % 0xFFFFFF);
                cites.add(url);
                results.addObject().put("title", "Source " + (i + 1) + " on " + host).put("url", url)
                        .put("date", today.minusDays(30L * (i + 1)).toString()).put("last_updated", today.minusDays(3L * (i + 1)).toString())
                        .put("snippet", "A simulated search result that the reply cites as [" + (i + 1) + "].").put("source", "web");
            }
            root.set("usage", usage(reply));
        }

        private ObjectNode usage(Reply reply) {
            int completion = reply.completionTokens();
            var input = round(promptTokens * model.inputPerMillion() / 1e6);
            var output = round(completion * model.outputPerMillion() / 1e6);
            var request = round(model.requestFees().get(CONTEXT_SIZES.indexOf(contextSize)) / 1000);
            ObjectNode usage = SimJson.object().put("prompt_tokens", promptTokens).put("completion_tokens", completion)
                    .put("total_tokens", promptTokens + completion).put("search_context_size", contextSize).put("citation_tokens", 0)
                    .put("num_search_queries", 1).put("reasoning_tokens", 0);
            usage.putObject("cost").put("input_tokens_cost", input).put("output_tokens_cost", output).put("request_cost", request)
                    .put("total_cost", input.add(output).add(request));
            return usage;
        }

        @Override
        public SimResponse whole(Reply reply, StreamTimes times) {
            ObjectNode root = head("chat.completion");
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", reply.cut() ? "length" : "stop");
            choice.putObject("message").put("role", "assistant").put("content", reply.text());
            metadata(root, reply);
            return SimResponse.json(200, root);
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
            return new byte[0];
        }

        @Override
        public byte[] token(int index, String text) {
            ObjectNode root = head("chat.completion.chunk");
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
            choice.putNull("finish_reason");
            ObjectNode delta = choice.putObject("delta");
            if (index == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", text);
            return event(root);
        }

        @Override
        public byte[] finish(Reply reply, StreamTimes times) {
            ObjectNode root = head("chat.completion.chunk");
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", reply.cut() ? "length" : "stop");
            choice.putObject("delta");
            choice.putObject("message").put("role", "assistant").put("content", reply.text());
            metadata(root, reply);
            byte[] last = event(root);
            byte[] done = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
            byte[] out = java.util.Arrays.copyOf(last, last.length + done.length);
            System.arraycopy(done, 0, out, last.length, done.length);
            return out;
        }

        @Override
        public byte[] error(int status) {
            return ("event: error\ndata: " + SimJson.string(errorBody(status, message(status), type(status))) + "\n\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] malformed() {
            return ("data: {\"id\": \"" + id + "\", \"choices\": [{\"delta\": {\"content\": \n\n").getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] event(ObjectNode o) {
            return ("data: " + SimJson.string(o) + "\n\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** USD to the nano-dollar, written plainly ({@code 0.000003}, not {@code 3.0E-6}). */
    private static java.math.BigDecimal round(double usd) {
        return java.math.BigDecimal.valueOf(usd).setScale(9, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static ObjectNode errorBody(int code, String message, String type) {
        ObjectNode root = SimJson.object();
        root.putObject("error").put("message", message).put("type", type).put("code", code);
        return root;
    }

    static SimResponse error(int code, String message, String type) {
        return SimResponse.json(code, errorBody(code, message, type));
    }

    private static String message(int status) {
        return switch (status) {
            case 429 -> "Rate limit exceeded. Please slow down your requests.";
            case 502 -> "Bad gateway";
            case 503, 529 -> "Service temporarily unavailable. Please try again later.";
            default -> status >= 500 ? "Internal server error" : "Simulated failure: HTTP " + status;
        };
    }

    private static String type(int status) {
        return switch (status) {
            case 429 -> "rate_limit_exceeded";
            case 503, 529 -> "service_unavailable";
            default -> status >= 500 ? "internal_server_error" : "invalid_request_error";
        };
    }

    @Override
    SimResponse statusError(int status, SimModel model, FaultDecision d) {
        SimResponse r = error(status, message(status), type(status));
        return status == 429 ? r.withHeaders(Map.of("retry-after", RetryAfter.header(d.retryAfter(), d.retryAfterAsDate(), options.clock()))) : r;
    }

    @Override
    SimResponse rateLimited(SimModel model, RateLimiter.Verdict v, boolean asDate) {
        return error(429, message(429), type(429)).withHeaders(Map.of("retry-after", RetryAfter.header(v.retryAfter(), asDate, options.clock())));
    }

    @Override
    SimResponse tooLarge() {
        return error(413, "Request body too large", "request_too_large");
    }
}
