package dev.localagent.studio.service.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers where in a JSON text each value starts, so a problem found after parsing (a negative
 * timeout, a wrong type) can still be reported with its line and column.
 */
final class JsonLocator {

    /** A 1-based position in the text. */
    record Position(int line, int column) {}

    private final Map<String, Position> byPointer;

    private JsonLocator(Map<String, Position> byPointer) {
        this.byPointer = byPointer;
    }

    /** Locates every value of a text that is known to parse. */
    static JsonLocator of(String json) {
        Map<String, Position> positions = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token.isStructEnd()) {
                    continue;
                }
                String pointer = token.isStructStart()
                        ? parser.getParsingContext().getParent().pathAsPointer().toString()
                                + lastSegment(parser)
                        : parser.getParsingContext().pathAsPointer().toString();
                var location = parser.currentTokenLocation();
                positions.putIfAbsent(pointer, new Position(location.getLineNr(), location.getColumnNr()));
            }
        } catch (IOException e) {
            // The text parsed before we were asked; whatever was located so far is still right.
        }
        return new JsonLocator(positions);
    }

    private static String lastSegment(JsonParser parser) {
        var parent = parser.getParsingContext().getParent();
        if (parent.inObject()) {
            return "/" + parent.getCurrentName().replace("~", "~0").replace("/", "~1");
        }
        if (parent.inArray()) {
            return "/" + parent.getCurrentIndex();
        }
        return "";
    }

    /**
     * The position of the value at a JSON pointer, or of its nearest located ancestor (a missing
     * field is reported where its object starts).
     */
    Position find(String pointer) {
        String p = pointer;
        while (true) {
            Position found = byPointer.get(p);
            if (found != null || p.isEmpty()) {
                return found;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }
}
