package dev.localagent.studio.service.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole chat completion in one pass of the streaming parser, for the common case only.
 *
 * <p>Binding the body to the wire records costs more: records are built through a reflective
 * constructor after their properties are buffered (JMH `WholeReplyBenchmark`, quiet machine:
 * 3.9 µs against this reader's 2.8 µs for a 914-byte reply; through a tree first, 6.3 µs). This
 * reader accepts exactly the shapes it can read without doubt (strings, integers and nulls where
 * the records expect them, each field at most once, no {@code error} and no
 * {@code "object": "error"}, no {@code delta}) and returns null for anything else, so the caller
 * falls back to the general path, which then reads or rejects the body as it always did. Bodies
 * it accepts it reads as the records would (a property test holds the two to that).
 */
final class PlainReplyReader {

    private PlainReplyReader() {}

    /** The completion, or null to leave the body to the general path. */
    static OpenAiWire.Completion read(byte[] body) {
        try (JsonParser p = WireJson.MAPPER.getFactory().createParser(body)) {
            return completion(p);
        } catch (IOException | RuntimeException notPlain) {
            return null;
        }
    }

    private static OpenAiWire.Completion completion(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String model = null;
        List<OpenAiWire.Choice> choices = null;
        OpenAiWire.UsageDto usage = null;
        boolean seenModel = false;
        boolean seenUsage = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "model" -> {
                    if (seenModel || !isStringOrNull(value)) {
                        return null;
                    }
                    seenModel = true;
                    model = p.getValueAsString();
                }
                case "choices" -> {
                    if (choices != null || value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    choices = choices(p);
                    if (choices == null) {
                        return null;
                    }
                }
                case "usage" -> {
                    if (seenUsage) {
                        return null;
                    }
                    seenUsage = true;
                    if (value == JsonToken.START_OBJECT) {
                        usage = usage(p);
                        if (usage == null) {
                            return null;
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "error" -> {
                    return null; // an error document, whatever its value: the general path decides
                }
                case "object" -> {
                    if (value == JsonToken.VALUE_STRING && "error".equals(p.getText())) {
                        return null; // vLLM's flat error shape, even after a completion's fields
                    }
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        return t == JsonToken.END_OBJECT && choices != null ? new OpenAiWire.Completion(model, choices, usage, null) : null;
    }

    private static List<OpenAiWire.Choice> choices(JsonParser p) throws IOException {
        List<OpenAiWire.Choice> choices = new ArrayList<>(1);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            OpenAiWire.Choice choice = choice(p);
            if (choice == null) {
                return null;
            }
            choices.add(choice);
        }
        return t == JsonToken.END_ARRAY ? choices : null;
    }

    private static OpenAiWire.Choice choice(JsonParser p) throws IOException {
        Integer index = null;
        OpenAiWire.Message message = null;
        String finishReason = null;
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "index" -> {
                    if ((seen & 1) != 0 || !isIntOrNull(value)) {
                        return null;
                    }
                    seen |= 1;
                    index = value == JsonToken.VALUE_NULL ? null : p.getIntValue();
                }
                case "message" -> {
                    if ((seen & 2) != 0) {
                        return null;
                    }
                    seen |= 2;
                    if (value == JsonToken.START_OBJECT) {
                        message = message(p);
                        if (message == null) {
                            return null;
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "finish_reason" -> {
                    if ((seen & 4) != 0 || !isStringOrNull(value)) {
                        return null;
                    }
                    seen |= 4;
                    finishReason = p.getValueAsString();
                }
                case "delta" -> {
                    return null;
                }
                default -> p.skipChildren();
            }
        }
        return t == JsonToken.END_OBJECT ? new OpenAiWire.Choice(index, message, null, finishReason) : null;
    }

    private static OpenAiWire.Message message(JsonParser p) throws IOException {
        String role = null;
        String content = null;
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int bit = switch (name) {
                case "role" -> 1;
                case "content" -> 2;
                default -> 0;
            };
            if (bit == 0) {
                p.skipChildren();
                continue;
            }
            if ((seen & bit) != 0 || !isStringOrNull(value)) {
                return null;
            }
            seen |= bit;
            if (bit == 1) {
                role = p.getValueAsString();
            } else {
                content = p.getValueAsString();
            }
        }
        return t == JsonToken.END_OBJECT ? new OpenAiWire.Message(role, content) : null;
    }

    private static OpenAiWire.UsageDto usage(JsonParser p) throws IOException {
        Integer prompt = null;
        Integer completion = null;
        Integer cached = null;
        Integer reasoning = null;
        boolean promptDetails = false;
        boolean completionDetails = false;
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int bit = switch (name) {
                case "prompt_tokens" -> 1;
                case "completion_tokens" -> 2;
                case "prompt_tokens_details" -> 4;
                case "completion_tokens_details" -> 8;
                default -> 0;
            };
            if (bit == 0) {
                p.skipChildren();
                continue;
            }
            if ((seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            switch (bit) {
                case 1, 2 -> {
                    if (!isIntOrNull(value)) {
                        return null;
                    }
                    Integer n = value == JsonToken.VALUE_NULL ? null : p.getIntValue();
                    if (bit == 1) {
                        prompt = n;
                    } else {
                        completion = n;
                    }
                }
                default -> {
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    Integer[] detail = new Integer[1];
                    if (!detail(p, bit == 4 ? "cached_tokens" : "reasoning_tokens", detail)) {
                        return null;
                    }
                    if (bit == 4) {
                        promptDetails = true;
                        cached = detail[0];
                    } else {
                        completionDetails = true;
                        reasoning = detail[0];
                    }
                }
            }
        }
        if (t != JsonToken.END_OBJECT) {
            return null;
        }
        return new OpenAiWire.UsageDto(prompt, completion,
                promptDetails ? new OpenAiWire.PromptDetails(cached) : null,
                completionDetails ? new OpenAiWire.CompletionDetails(reasoning) : null);
    }

    /** Reads a details object whose one field of interest is an integer; false when it is not plain. */
    private static boolean detail(JsonParser p, String field, Integer[] out) throws IOException {
        boolean seen = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            boolean wanted = field.equals(p.currentName());
            JsonToken value = p.nextToken();
            if (!wanted) {
                p.skipChildren();
                continue;
            }
            if (seen || !isIntOrNull(value)) {
                return false;
            }
            seen = true;
            out[0] = value == JsonToken.VALUE_NULL ? null : p.getIntValue();
        }
        return t == JsonToken.END_OBJECT;
    }

    private static boolean isStringOrNull(JsonToken t) {
        return t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL;
    }

    /** An integer that fits an int; larger numbers are the records' business (they would fail). */
    private static boolean isIntOrNull(JsonToken t) {
        return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NULL;
    }
}
