package dev.localagent.studio.service.provider.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns lines into server-sent events following the HTML standard's rules: {@code data:} lines
 * accumulate and a blank line dispatches; a leading {@code :} is a comment (keep-alive); one space
 * after the colon is dropped; unknown fields are ignored. Works on bytes, so no
 * character is decoded twice. Not thread-safe; one per stream.
 */
public final class SseParser {

    /** Receives each dispatched event as a byte range of its data, valid only during the call. */
    @FunctionalInterface
    public interface RawEventSink {
        void event(String eventName, byte[] data, int offset, int length);
    }

    /** Receives each dispatched event decoded. */
    @FunctionalInterface
    public interface EventSink {
        void event(SseEvent event);
    }

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);

    private final int maxEventBytes;
    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private String eventName;
    public SseParser(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    public void line(String line, EventSink sink) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        line(bytes, 0, bytes.length, decoded(sink));
    }

    public boolean finish(EventSink sink) {
        return finish(decoded(sink));
    }

    private static RawEventSink decoded(EventSink sink) {
        return (name, bytes, off, len) -> sink.event(new SseEvent(name, new String(bytes, off, len, StandardCharsets.UTF_8)));
    }

    public void line(byte[] bytes, int offset, int length, RawEventSink sink) {
        if (length == 0) {
            dispatch(sink);
            return;
        }
        if (bytes[offset] == ':') {
            return;
        }
        int colon = -1;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == ':') {
                colon = i;
                break;
            }
        }
        int fieldEnd = colon < 0 ? offset + length : colon;
        int valueStart = colon < 0 ? offset + length : colon + 1;
        if (valueStart < offset + length && bytes[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = offset + length - valueStart;
        if (is(bytes, offset, fieldEnd, DATA)) {
            appendData(bytes, valueStart, valueLength);
        } else if (is(bytes, offset, fieldEnd, EVENT)) {
            eventName = new String(bytes, valueStart, valueLength, StandardCharsets.UTF_8);
        } else if (is(bytes, offset, fieldEnd, ERROR)) {
            eventName = "error"; // llama.cpp sends its mid-stream errors in this field
            appendData(bytes, valueStart, valueLength);
        }
        // id, retry and anything new carry nothing a client of these APIs needs
    }

    /** Dispatches an event the server left without its closing blank line (the connection just closed). */
    public boolean finish(RawEventSink sink) {
        boolean pending = hasData;
        dispatch(sink);
        return pending;
    }

    public int bufferedChars() {
        return dataLength;
    }

    /** A plain loop: for names of four or five bytes, Arrays.equals' range checks and intrinsic call cost more (profiled). */
    private static boolean is(byte[] bytes, int from, int to, byte[] name) {
        if (to - from != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (bytes[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void appendData(byte[] bytes, int offset, int length) {
        int separator = hasData ? 1 : 0;
        ensure(dataLength + separator + length);
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(bytes, offset, data, dataLength, length);
        dataLength += length;
        hasData = true;
        checkLimit();
    }

    private void checkLimit() {
        if (dataLength > maxEventBytes) {
            throw new LineDecoder.LineTooLongException(maxEventBytes);
        }
    }

    private void ensure(int capacity) {
        if (capacity > data.length) {
            if (capacity > maxEventBytes + 1) {
                throw new LineDecoder.LineTooLongException(maxEventBytes);
            }
            data = Arrays.copyOf(data, Math.max(capacity, Math.min(maxEventBytes + 1, data.length * 2)));
        }
    }

    private void dispatch(RawEventSink sink) {
        String name = eventName == null || eventName.isEmpty() ? "message" : eventName;
        eventName = null;
        if (!hasData) {
            return;
        }
        hasData = false;
        int length = dataLength;
        dataLength = 0;
        sink.event(name, data, 0, length);
        if (data.length > 64 * 1024) {
            data = new byte[256];
        }
    }
}
