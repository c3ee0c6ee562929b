package dev.localagent.studio.sim;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** The simulator's own JSON plumbing: one mapper, bytes out, and parse errors as values. */
final class SimJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private SimJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String string(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** A request body parsed, or why it did not parse. */
    record Parsed(JsonNode node, String problem, int problemOffset, boolean empty) {
        boolean ok() {
            return problem == null;
        }
    }

    static Parsed parse(byte[] body) {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return new Parsed(null, "empty body", 0, true);
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return new Parsed(node, null, 0, false);
        } catch (JsonParseException e) {
            long offset = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
            return new Parsed(null, e.getOriginalMessage(), (int) Math.max(0, offset), false);
        } catch (Exception e) {
            return new Parsed(null, String.valueOf(e.getMessage()), 0, false);
        }
    }

    /** JSON's own name for a node's type, as error messages use it. */
    static String typeName(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isArray() ? "array" : "object";
    }
}
