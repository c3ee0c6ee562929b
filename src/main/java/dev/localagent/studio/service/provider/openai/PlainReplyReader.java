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

    /** Thrown wherever the body stops being plainly a completion; the caller then steps aside. */
    private static final class NotPlain extends IOException {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not a plain completion", null);
            setStackTrace(new StackTraceElement[0]);
        }
    }

    /** The completion, or null to leave the body to the general path. */
    static OpenAiWire.Completion read(byte[] body) {
        try (JsonParser p = WireJson.MAPPER.getFactory().createParser(body)) {
            return completion(p);
        } catch (IOException | RuntimeException notPlain) {
            return null;
        }
    }

    private static OpenAiWire.Completion completion(JsonParser p) throws IOException {
        require(p.nextToken() == JsonToken.START_OBJECT);
        String model = null;
        List<OpenAiWire.Choice> choices = null;
        OpenAiWire.UsageDto usage = null;
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "model" -> {
                    seen = once(seen, 1);
                    model = string(p, value);
                }
                case "choices" -> {
                    seen = once(seen, 2);
                    require(value == JsonToken.START_ARRAY);
                    choices = choices(p);
                }
                case "usage" -> {
                    seen = once(seen, 4);
                    usage = object(value) ? usage(p) : null;
                }
                case "error" -> throw NotPlain.INSTANCE; // an error document, whatever its value
                case "object" -> {
                    // vLLM's flat error shape, even after a completion's fields
                    require(value != JsonToken.VALUE_STRING || !"error".equals(p.getText()));
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        require(t == JsonToken.END_OBJECT && choices != null);
        return new OpenAiWire.Completion(model, choices, usage, null);
    }

    private static List<OpenAiWire.Choice> choices(JsonParser p) throws IOException {
        List<OpenAiWire.Choice> choices = new ArrayList<>(1);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            choices.add(choice(p));
        }
        require(t == JsonToken.END_ARRAY);
        return choices;
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
                    seen = once(seen, 1);
                    index = integer(p, value);
                }
                case "message" -> {
                    seen = once(seen, 2);
                    message = object(value) ? message(p) : null;
                }
                case "finish_reason" -> {
                    seen = once(seen, 4);
                    finishReason = string(p, value);
                }
                case "delta" -> throw NotPlain.INSTANCE;
                default -> p.skipChildren();
            }
        }
        require(t == JsonToken.END_OBJECT);
        return new OpenAiWire.Choice(index, message, null, finishReason);
    }

    private static OpenAiWire.Message message(JsonParser p) throws IOException {
        String role = null;
        String content = null;
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "role" -> {
                    seen = once(seen, 1);
                    role = string(p, value);
                }
                case "content" -> {
                    seen = once(seen, 2);
                    content = string(p, value);
                }
                default -> p.skipChildren();
            }
        }
        require(t == JsonToken.END_OBJECT);
        return new OpenAiWire.Message(role, content);
    }

    private static OpenAiWire.UsageDto usage(JsonParser p) throws IOException {
        Integer prompt = null;
        Integer completion = null;
        OpenAiWire.PromptDetails promptDetails = null;
        OpenAiWire.CompletionDetails completionDetails = null;
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "prompt_tokens" -> {
                    seen = once(seen, 1);
                    prompt = integer(p, value);
                }
                case "completion_tokens" -> {
                    seen = once(seen, 2);
                    completion = integer(p, value);
                }
                case "prompt_tokens_details" -> {
                    seen = once(seen, 4);
                    promptDetails = object(value) ? new OpenAiWire.PromptDetails(detail(p, "cached_tokens")) : null;
                }
                case "completion_tokens_details" -> {
                    seen = once(seen, 8);
                    completionDetails = object(value) ? new OpenAiWire.CompletionDetails(detail(p, "reasoning_tokens")) : null;
                }
                default -> p.skipChildren();
            }
        }
        require(t == JsonToken.END_OBJECT);
        return new OpenAiWire.UsageDto(prompt, completion, promptDetails, completionDetails);
    }

    /** The one integer field of interest of a details object, or null when absent. */
    private static Integer detail(JsonParser p, String field) throws IOException {
        Integer found = null;
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            boolean wanted = field.equals(p.currentName());
            JsonToken value = p.nextToken();
            if (wanted) {
                seen = once(seen, 1);
                found = integer(p, value);
            } else {
                p.skipChildren();
            }
        }
        require(t == JsonToken.END_OBJECT);
        return found;
    }

    private static void require(boolean plain) throws NotPlain {
        if (!plain) {
            throw NotPlain.INSTANCE;
        }
    }

    /** Marks a field seen; a field named twice is left to the general path (which keeps the last). */
    private static int once(int seen, int bit) throws NotPlain {
        require((seen & bit) == 0);
        return seen | bit;
    }

    /** True for an object to read, false for null; anything else is not plain. */
    private static boolean object(JsonToken value) throws NotPlain {
        require(value == JsonToken.START_OBJECT || value == JsonToken.VALUE_NULL);
        return value == JsonToken.START_OBJECT;
    }

    private static String string(JsonParser p, JsonToken value) throws IOException {
        require(value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL);
        return p.getValueAsString();
    }

    /** An integer that fits an int; larger numbers are the records' business (they would fail). */
    private static Integer integer(JsonParser p, JsonToken value) throws IOException {
        require(value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NULL);
        return value == JsonToken.VALUE_NULL ? null : p.getIntValue();
    }
}
