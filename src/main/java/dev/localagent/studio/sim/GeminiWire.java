package dev.localagent.studio.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Gemini's bytes: GenerateContentResponse objects whole, as SSE events ({@code data: …\r\n\r\n},
 * no terminator) or as elements of one streamed JSON array; and Google RPC error envelopes.
 * {@code usageMetadata} on every chunk is cumulative, thoughts included in the total.
 */
final class GeminiWire implements ChatRenderer, StreamScript {

    static final String JSON = "application/json; charset=UTF-8";

    private final SimModel model;
    private final int promptTokens;
    private final int thoughts;
    private final boolean sse;
    private final String responseId = OpenAiWire.randomTail(22);
    private int sent;
    private boolean first = true;

    GeminiWire(SimModel model, int promptTokens, int thoughts, boolean sse) {
        this.model = model;
        this.promptTokens = promptTokens;
        this.thoughts = thoughts;
        this.sse = sse;
    }

    @Override
    public SimResponse whole(Reply reply, StreamTimes times) {
        return SimResponse.json(200, JSON, response(reply.text(), reply.completionTokens(), reply.cut() ? "MAX_TOKENS" : "STOP"));
    }

    private ObjectNode response(String text, int candidates, String finishReason) {
        ObjectNode root = SimJson.object();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        if (text != null) {
            content.putArray("parts").addObject().put("text", text);
        }
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        ObjectNode usage = root.putObject("usageMetadata").put("promptTokenCount", promptTokens);
        if (candidates > 0) {
            usage.put("candidatesTokenCount", candidates);
        }
        usage.put("totalTokenCount", promptTokens + candidates + thoughts);
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", promptTokens);
        if (thoughts > 0) {
            usage.put("thoughtsTokenCount", thoughts);
        }
        root.put("modelVersion", model.id()).put("responseId", responseId);
        return root;
    }

    @Override
    public StreamScript stream() {
        return this;
    }

    @Override
    public String contentType() {
        return sse ? "text/event-stream" : JSON;
    }

    @Override
    public byte[] open() {
        return new byte[0];
    }

    @Override
    public byte[] token(int index, String text) {
        sent = index + 1;
        return frame(response(text, sent, null));
    }

    @Override
    public byte[] finish(Reply reply, StreamTimes times) {
        byte[] last = frame(response(null, reply.completionTokens(), reply.cut() ? "MAX_TOKENS" : "STOP"));
        if (sse) {
            return last;
        }
        byte[] out = java.util.Arrays.copyOf(last, last.length + 1);
        out[last.length] = ']';
        return out;
    }

    @Override
    public byte[] error(int status) {
        byte[] e = frame(envelope(status, statusName(status), message(status), null));
        if (sse) {
            return e;
        }
        byte[] out = java.util.Arrays.copyOf(e, e.length + 1);
        out[e.length] = ']';
        return out;
    }

    @Override
    public byte[] malformed() {
        return ((sse ? "data: " : first ? "[" : ",\r\n") + "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": " + (sse ? "\r\n\r\n" : ""))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] frame(ObjectNode o) {
        String json = SimJson.string(o);
        if (sse) {
            return ("data: " + json + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        }
        String sep = first ? "[" : ",\r\n";
        first = false;
        return (sep + json).getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode envelope(int code, String status, String message, List<ObjectNode> details) {
        ObjectNode root = SimJson.object();
        ObjectNode e = root.putObject("error").put("code", code).put("message", message).put("status", status);
        if (details != null) {
            ArrayNode d = e.putArray("details");
            details.forEach(d::add);
        }
        return root;
    }

    static SimResponse error(int code, String status, String message, List<ObjectNode> details) {
        return SimResponse.json(code, JSON, envelope(code, status, message, details));
    }

    static SimResponse badRequest(String message, String field) {
        ObjectNode violation = SimJson.object().put("@type", "type.googleapis.com/google.rpc.BadRequest");
        ObjectNode v = violation.putArray("fieldViolations").addObject();
        if (field != null) {
            v.put("field", field);
        }
        v.put("description", message);
        return error(400, "INVALID_ARGUMENT", message, List.of(violation));
    }

    static SimResponse statusError(int status) {
        return error(status, statusName(status), message(status), null);
    }

    static SimResponse quotaExceeded(SimModel model, int limit, Duration retry) {
        return quotaExceeded(model, limit, retry, true);
    }

    static SimResponse quotaExceeded(SimModel model, int limit, Duration retry, boolean requests) {
        ObjectNode failure = SimJson.object().put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
        ObjectNode violation = failure.putArray("violations").addObject()
                .put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_" + (requests ? "requests" : "input_token_count"))
                .put("quotaId", requests ? "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" : "GenerateContentInputTokensPerModelPerMinute-FreeTier");
        violation.putObject("quotaDimensions").put("location", "global").put("model", model.id());
        violation.put("quotaValue", Integer.toString(limit));
        ObjectNode help = SimJson.object().put("@type", "type.googleapis.com/google.rpc.Help");
        help.putArray("links").addObject().put("description", "Learn more about Gemini API quotas")
                .put("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
        ObjectNode retryInfo = SimJson.object().put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", RetryAfter.googleDelay(retry));
        return error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details. For more"
                + " information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", List.of(failure, help, retryInfo));
    }

    static String statusName(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 500 -> "INTERNAL";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "UNAVAILABLE" : "FAILED_PRECONDITION";
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 500 -> "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
            case 503, 529 -> "The model is overloaded. Please try again later.";
            case 504 -> "Deadline expired before operation could complete.";
            case 502 -> "Bad Gateway";
            default -> "Simulated failure: HTTP " + status + ".";
        };
    }
}
