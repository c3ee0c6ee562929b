package dev.localagent.studio.service.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Keeps what one call put on the wire for an inspector: each attempt's request as sent (keys
 * redacted), the response status and headers, and a timed log of the body's frames. Bounded: past
 * the frame or byte limit, frames are counted but not kept.
 *
 * <p>A caller who wants a record binds one to {@link #CURRENT} around the call; the provider layer
 * checks {@link #current()} once per exchange, so calls nobody inspects pay one lookup and nothing
 * else. Written by the calling thread, read by any; methods are synchronized.
 */
public final class ExchangeRecorder {

    /** The recorder of the call running on this thread, if someone is inspecting it. */
    public static final ScopedValue<ExchangeRecorder> CURRENT = ScopedValue.newInstance();

    /** Header names whose values are credentials, always shown as {@value #REDACTED}. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "x-goog-api-key", "api-key",
            "x-api-key", "cookie", "set-cookie");
    /** Query parameters that carry keys (Gemini accepts {@code ?key=}). */
    private static final Set<String> SECRET_PARAMETERS = Set.of("key", "api_key", "apikey", "access_token");
    static final String REDACTED = "***";
    private static final int FRAME_PREVIEW_CHARS = 160;
    private static final int MAX_PENDING_BYTES = 64 * 1024;

    /** A header as shown: name and (possibly redacted) value. */
    public record Header(String name, String value) {}

    /** One frame of a response body: when it was complete, measured from the send; its size; its first characters. */
    public record Frame(long offsetNanos, int bytes, String preview) {}

    /** One attempt: a request and what came back. {@code status} is 0 when no response head arrived. */
    public record Exchange(String method, String url, List<Header> requestHeaders, String requestBody, int status,
            List<Header> responseHeaders, List<Frame> frames, int framesNotKept, long bodyBytes, String outcome) {}

    private final int maxFrames;
    private final int maxPreviewBytes;
    private final LongSupplier nanoClock;
    private final List<Exchange> done = new ArrayList<>();
    private Open open;
    private int keptPreviewBytes;

    /**
     * @param maxFrames frames kept per recorder, over all attempts
     * @param maxPreviewBytes preview text kept per recorder, over all attempts
     */
    public ExchangeRecorder(int maxFrames, int maxPreviewBytes, LongSupplier nanoClock) {
        this.maxFrames = maxFrames;
        this.maxPreviewBytes = maxPreviewBytes;
        this.nanoClock = nanoClock;
    }

    /** The recorder bound to this thread, or null when nobody is inspecting. */
    public static ExchangeRecorder current() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    /** A request is about to go out. {@code secret} (may be null) is removed wherever it appears. */
    public synchronized void sending(HttpCall call, String secret) {
        closeOpen("not finished");
        List<Header> headers = new ArrayList<>();
        call.headers().forEach((name, value) -> headers.add(new Header(name, redactHeader(name, value, secret))));
        String body = call.body() == null ? "" : redact(new String(call.body(), StandardCharsets.UTF_8), secret);
        open = new Open(call.method(), redactUrl(call.uri(), secret), headers, body, nanoClock.getAsLong(), secret);
    }

    /** The response head arrived. */
    public synchronized void responded(int status, List<Map.Entry<String, String>> headers) {
        if (open == null) {
            return;
        }
        open.status = status;
        for (Map.Entry<String, String> h : headers) {
            open.responseHeaders.add(new Header(h.getKey(), redactHeader(h.getKey(), h.getValue(), open.secret)));
        }
        String type = headers.stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue).findFirst()
                .orElse("");
        open.eventStream = type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** Body bytes as they were read; complete frames (SSE events, or lines) are logged. */
    public synchronized void received(byte[] buffer, int offset, int length) {
        if (open == null || length <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        open.bodyBytes += length;
        open.pending.append(new String(buffer, offset, length, StandardCharsets.UTF_8));
        String separator = open.eventStream ? "\n\n" : "\n";
        String text = open.pending.toString().replace("\r\n", "\n");
        int start = 0;
        int end;
        while ((end = text.indexOf(separator, start)) >= 0) {
            frame(text.substring(start, end), now);
            start = end + separator.length();
        }
        open.pending.setLength(0);
        open.pending.append(text, start, text.length());
        if (open.pending.length() > MAX_PENDING_BYTES) {
            frame(open.pending.toString(), now);
            open.pending.setLength(0);
        }
    }

    /** The exchange ended: how ("complete", or the error's one sentence). */
    public synchronized void ended(String outcome) {
        closeOpen(outcome);
    }

    /** Every attempt so far, the one in progress last. */
    public synchronized List<Exchange> exchanges() {
        List<Exchange> all = new ArrayList<>(done);
        if (open != null) {
            all.add(open.snapshot("in progress"));
        }
        return List.copyOf(all);
    }

    private void frame(String text, long now) {
        if (text.isBlank()) {
            return;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (totalFrames() >= maxFrames || keptPreviewBytes >= maxPreviewBytes) {
            open.framesNotKept++;
            return;
        }
        // Redact before cutting, so a key that straddles the cut cannot leave half of itself behind.
        String clean = redact(text, open.secret);
        String preview = (clean.length() <= FRAME_PREVIEW_CHARS ? clean : clean.substring(0, FRAME_PREVIEW_CHARS) + "\u2026")
                .replace("\n", "\u23ce");
        keptPreviewBytes += preview.length();
        open.frames.add(new Frame(now - open.startNanos, bytes, preview));
    }

    private int totalFrames() {
        int n = open == null ? 0 : open.frames.size();
        for (Exchange e : done) {
            n += e.frames().size();
        }
        return n;
    }

    private void closeOpen(String outcome) {
        if (open == null) {
            return;
        }
        if (!open.pending.isEmpty()) {
            frame(open.pending.toString(), nanoClock.getAsLong());
        }
        done.add(open.snapshot(outcome));
        open = null;
    }

    private static String redactHeader(String name, String value, String secret) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? REDACTED : redact(value, secret);
    }

    static String redact(String text, String secret) {
        return secret == null || secret.isEmpty() || text == null ? text : text.replace(secret, REDACTED);
    }

    static String redactUrl(URI uri, String secret) {
        String query = uri.getRawQuery();
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        if (query == null) {
            return redact(base, secret);
        }
        List<String> parts = new ArrayList<>();
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            parts.add(eq >= 0 && SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)) ? name + "=" + REDACTED : part);
        }
        return redact(base + "?" + String.join("&", parts), secret);
    }

    /** The attempt being recorded. */
    private static final class Open {
        final String method;
        final String url;
        final List<Header> requestHeaders;
        final String requestBody;
        final long startNanos;
        final String secret;
        final List<Header> responseHeaders = new ArrayList<>();
        final List<Frame> frames = new ArrayList<>();
        final StringBuilder pending = new StringBuilder();
        int status;
        boolean eventStream;
        long bodyBytes;
        int framesNotKept;

        Open(String method, String url, List<Header> requestHeaders, String requestBody, long startNanos, String secret) {
            this.method = method;
            this.url = url;
            this.requestHeaders = requestHeaders;
            this.requestBody = requestBody;
            this.startNanos = startNanos;
            this.secret = secret;
        }

        Exchange snapshot(String outcome) {
            return new Exchange(method, url, List.copyOf(requestHeaders), requestBody, status, List.copyOf(responseHeaders),
                    List.copyOf(frames), framesNotKept, bodyBytes, outcome);
        }
    }
}
