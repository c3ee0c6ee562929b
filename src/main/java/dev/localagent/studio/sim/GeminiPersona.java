package dev.localagent.studio.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The Gemini API under {@code /v1beta}: {@code models/{m}:generateContent},
 * {@code :streamGenerateContent} (SSE with CRLF framing and no terminator only with {@code alt=sse},
 * otherwise one JSON array), {@code :countTokens}, {@code GET models} with paging. The key comes
 * from {@code x-goog-api-key} or {@code ?key=}; errors are Google RPC envelopes (PROTOCOLS.md §4).
 * Prompt tokens are the text tokens of {@code systemInstruction} and {@code contents}, no overhead,
 * so {@code countTokens} and {@code usageMetadata.promptTokenCount} always agree.
 */
final class GeminiPersona extends PersonaEndpoint {

    private static final Set<String> REQUEST_KEYS = Set.of("contents", "systemInstruction", "system_instruction", "generationConfig",
            "generation_config", "safetySettings", "safety_settings", "tools", "toolConfig", "tool_config", "cachedContent", "cached_content",
            "labels", "model");
    private static final String PREFIX = "/v1beta/models";

    GeminiPersona(SimOptions options, FaultController faults, SimStats stats) {
        super(options, faults, stats);
    }

    @Override
    Persona persona() {
        return Persona.GEMINI;
    }

    @Override
    void handle(SimExchange ex) throws IOException {
        SimResponse denied = checkKey(ex);
        if (denied != null) {
            ex.send(denied);
            return;
        }
        String path = ex.path();
        String method = ex.method();
        if (path.equals(PREFIX) && method.equals("GET")) {
            list(ex);
            return;
        }
        if (path.startsWith(PREFIX + "/")) {
            String rest = path.substring(PREFIX.length() + 1);
            int colon = rest.indexOf(':');
            String id = colon < 0 ? rest : rest.substring(0, colon);
            String action = colon < 0 ? "" : rest.substring(colon + 1);
            var model = ModelCatalogue.find(Persona.GEMINI, id);
            if (action.isEmpty() && method.equals("GET")) {
                ex.send(model.isPresent() ? SimResponse.json(200, GeminiWire.JSON, modelJson(model.get())) : notFound(id, "get"));
                return;
            }
            if (method.equals("POST") && List.of("generateContent", "streamGenerateContent", "countTokens").contains(action)) {
                if (model.isEmpty()) {
                    ex.send(notFound(id, action));
                    return;
                }
                generate(ex, model.get(), action);
                return;
            }
        }
        ex.send(GeminiWire.error(404, "NOT_FOUND", "Method not found.", null));
    }

    private SimResponse checkKey(SimExchange ex) {
        if (options.apiKey() == null) {
            return null;
        }
        String key = ex.header("x-goog-api-key");
        if (key == null) {
            key = ex.query("key");
        }
        if (key == null || key.isEmpty()) {
            return GeminiWire.error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity)."
                    + " Please use API Key or other form of API consumer identity to call this API.", null);
        }
        if (!key.equals(options.apiKey())) {
            ObjectNode info = SimJson.object().put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "API_KEY_INVALID")
                    .put("domain", "googleapis.com");
            info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
            return GeminiWire.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", List.of(info));
        }
        return null;
    }

    private void list(SimExchange ex) throws IOException {
        List<SimModel> all = ModelCatalogue.of(Persona.GEMINI);
        int size = 50;
        String pageSize = ex.query("pageSize");
        if (pageSize != null) {
            try {
                size = Integer.parseInt(pageSize);
            } catch (NumberFormatException e) {
                ex.send(GeminiWire.badRequest("Invalid value at 'page_size' (TYPE_INT32), \"" + pageSize + "\"", "page_size"));
                return;
            }
            size = size <= 0 ? 50 : Math.min(size, 1000);
        }
        int from = 0;
        String token = ex.query("pageToken");
        if (token != null && !token.isEmpty()) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                from = Integer.parseInt(decoded.substring("offset:".length()));
                if (!decoded.startsWith("offset:") || from < 0 || from > all.size()) {
                    throw new IllegalArgumentException();
                }
            } catch (RuntimeException e) {
                ex.send(GeminiWire.badRequest("Invalid page token.", "page_token"));
                return;
            }
        }
        ObjectNode root = SimJson.object();
        ArrayNode models = root.putArray("models");
        int to = Math.min(all.size(), from + size);
        all.subList(from, to).forEach(m -> models.add(modelJson(m)));
        if (to < all.size()) {
            root.put("nextPageToken", Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8)));
        }
        ex.send(SimResponse.json(200, GeminiWire.JSON, root));
    }

    private void generate(SimExchange ex, SimModel model, String action) throws IOException {
        byte[] body = readBody(ex);
        if (body == null || (!action.equals("countTokens") && serveRemembered(ex, body))) {
            return;
        }
        SimJson.Parsed parsed = SimJson.parse(body);
        if (!parsed.ok() || !parsed.node().isObject()) {
            ex.send(GeminiWire.badRequest(parsed.empty() ? "* GenerateContentRequest.contents: contents is not specified\n"
                    : "Invalid JSON payload received. Unexpected token.", null));
            return;
        }
        JsonNode req = parsed.node();
        if (action.equals("countTokens") && req.has("generateContentRequest")) {
            if (req.has("contents")) {
                ex.send(GeminiWire.badRequest("GenerateContentRequest and contents cannot both be set.", null));
                return;
            }
            req = req.get("generateContentRequest");
            if (!req.isObject()) {
                ex.send(GeminiWire.badRequest("Invalid value at 'generate_content_request' (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentRequest)", "generate_content_request"));
                return;
            }
        }
        var names = req.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!REQUEST_KEYS.contains(k)) {
                ex.send(GeminiWire.badRequest("Invalid JSON payload received. Unknown name \"" + k + "\": Cannot find field.", null));
                return;
            }
        }
        JsonNode contents = req.get("contents");
        if (contents == null || contents.isNull() || (contents.isArray() && contents.isEmpty())) {
            ex.send(GeminiWire.badRequest("* GenerateContentRequest.contents: contents is not specified\n", "contents"));
            return;
        }
        if (!contents.isArray()) {
            ex.send(GeminiWire.badRequest("Invalid value at 'contents' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), "
                    + SimJson.string(contents), "contents"));
            return;
        }
        StringBuilder conversation = new StringBuilder();
        int promptTokens = 0;
        JsonNode system = req.has("systemInstruction") ? req.get("systemInstruction") : req.get("system_instruction");
        if (system != null && system.isObject()) {
            String text = texts(system);
            promptTokens += SimTokenizer.count(text);
            conversation.append("system: ").append(text).append('\n');
        }
        for (int i = 0; i < contents.size(); i++) {
            JsonNode c = contents.get(i);
            if (!c.isObject() || !c.path("parts").isArray()) {
                ex.send(GeminiWire.badRequest("* GenerateContentRequest.contents[" + i + "].parts: contents.parts must not be empty.\n", "contents[" + i + "].parts"));
                return;
            }
            String role = c.path("role").asText("user");
            if (!role.equals("user") && !role.equals("model") && !role.equals("function")) {
                ex.send(GeminiWire.badRequest("Please use a valid role: user, model.", null));
                return;
            }
            String text = texts(c);
            promptTokens += SimTokenizer.count(text);
            conversation.append(role).append(": ").append(text).append('\n');
        }
        if (action.equals("countTokens")) {
            ObjectNode count = SimJson.object().put("totalTokens", promptTokens);
            count.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", promptTokens);
            ex.send(SimResponse.json(200, GeminiWire.JSON, count));
            return;
        }
        JsonNode config = req.has("generationConfig") ? req.get("generationConfig") : req.path("generation_config");
        JsonNode max = config.has("maxOutputTokens") ? config.get("maxOutputTokens") : config.get("max_output_tokens");
        Integer maxTokens = null;
        if (max != null && !max.isNull()) {
            if (!max.isIntegralNumber() || max.asInt() < 1) {
                ex.send(GeminiWire.badRequest("Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), " + max, "generation_config.max_output_tokens"));
                return;
            }
            maxTokens = max.asInt();
        }
        JsonNode thinking = config.path("thinkingConfig").path("thinkingBudget");
        boolean thinks = model.reasoning() && !(thinking.isNumber() && thinking.asInt() == 0);
        JsonNode seed = config.get("seed");
        Reply reply = ReplyGenerator.generate(model, conversation.toString(), seedOf(seed != null && seed.isIntegralNumber() ? seed.asLong() : null),
                maxTokens, 0, thinks);
        boolean stream = action.equals("streamGenerateContent");
        boolean sse = "sse".equals(ex.query("alt"));
        int prompt = promptTokens;
        serveUnderstood(ex, body, new Understood(model, prompt, stream, reply, () -> new GeminiWire(model, prompt, reply.thoughtTokens(), sse), () -> {}));
    }

    private static String texts(JsonNode content) {
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            if (part.path("text").isTextual()) {
                out.append(part.get("text").asText());
            }
        }
        return out.toString();
    }

    private static ObjectNode modelJson(SimModel m) {
        ObjectNode o = SimJson.object().put("name", "models/" + m.id()).put("baseModelId", m.id()).put("version", "001")
                .put("displayName", m.displayName()).put("description", m.displayName() + ", served by the LocalAgent Studio simulator.")
                .put("inputTokenLimit", m.contextLength()).put("outputTokenLimit", m.maxOutputTokens());
        o.putArray("supportedGenerationMethods").add("generateContent").add("countTokens").add("createCachedContent").add("batchGenerateContent");
        o.put("temperature", 1).put("maxTemperature", 2).put("topP", 0.95).put("topK", 64);
        if (m.reasoning()) {
            o.put("thinking", true);
        }
        return o;
    }

    private static SimResponse notFound(String id, String method) {
        return GeminiWire.error(404, "NOT_FOUND", "models/" + id + " is not found for API version v1beta, or is not supported for "
                + (method.isEmpty() || method.equals("get") ? "generateContent" : method) + ". Call ListModels to see the list of available models and their supported methods.", null);
    }

    @Override
    SimResponse statusError(int status, SimModel model, FaultDecision d) {
        if (status == 429) {
            return GeminiWire.quotaExceeded(model, 60, d.retryAfter());
        }
        return GeminiWire.statusError(status);
    }

    @Override
    SimResponse rateLimited(SimModel model, RateLimiter.Verdict v, boolean asDate) {
        // Gemini sends no retry-after header: the hint is RetryInfo in the body
        return GeminiWire.quotaExceeded(model, "requests".equals(v.exhausted()) ? v.limitRequests() : v.limitTokens(), v.retryAfter(),
                "requests".equals(v.exhausted()));
    }

    @Override
    SimResponse tooLarge() {
        return GeminiWire.error(413, "INVALID_ARGUMENT", "Request payload size exceeds the limit: " + options.maxBodyBytes() + " bytes.", null);
    }
}
