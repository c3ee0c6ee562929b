package dev.localagent.studio.service.provider.wire;

/**
 * Turns lines into server-sent events following the HTML standard's rules: {@code data:} lines
 * accumulate and a blank line dispatches; a leading {@code :} is a comment (keep-alive); one space
 * after the colon is dropped; unknown fields are ignored. Not thread-safe; one per stream.
 */
public final class SseParser {

    /** Receives each dispatched event. */
    @FunctionalInterface
    public interface EventSink {
        void event(SseEvent event);
    }

    private final int maxEventChars;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventName;

    public SseParser(int maxEventChars) {
        this.maxEventChars = maxEventChars;
    }

    public void line(String line, EventSink sink) {
        if (line.isEmpty()) {
            dispatch(sink);
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1 + (colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? 1 : 0));
        switch (field) {
            case "data" -> appendData(value);
            case "event" -> eventName = value;
            case "error" -> { // llama.cpp sends its mid-stream errors in this field
                eventName = "error";
                appendData(value);
            }
            default -> { } // id, retry and anything new carry nothing a client of these APIs needs
        }
    }

    /** Dispatches an event the server left without its closing blank line (the connection just closed). */
    public boolean finish(EventSink sink) {
        boolean pending = hasData;
        dispatch(sink);
        return pending;
    }

    public int bufferedChars() {
        return data.length();
    }

    private void appendData(String value) {
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
        if (data.length() > maxEventChars) {
            throw new LineDecoder.LineTooLongException(maxEventChars);
        }
    }

    private void dispatch(EventSink sink) {
        if (hasData) {
            SseEvent event = new SseEvent(eventName == null || eventName.isEmpty() ? "message" : eventName, data.toString());
            data.setLength(0);
            hasData = false;
            eventName = null;
            sink.event(event);
        } else {
            eventName = null;
        }
    }
}
