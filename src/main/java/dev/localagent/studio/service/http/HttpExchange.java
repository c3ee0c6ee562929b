package dev.localagent.studio.service.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * One request whose response head has arrived and whose body is read as it comes. Closing it
 * returns the connection to the pool when the body was read to its end, and discards the
 * connection otherwise (draining an endless stream to reuse a socket would hang). {@link #cancel()}
 * may be called from any thread and aborts a blocked read at once.
 */
public final class HttpExchange implements AutoCloseable {

    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private final BodyStream body;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    HttpExchange(HttpUriRequestBase request, ClassicHttpResponse response, HttpClientStats stats, long maxBytes, Runnable onClose)
            throws IOException {
        this.request = request;
        this.response = response;
        this.onClose = onClose;
        HttpEntity entity = response.getEntity();
        InputStream raw = entity == null ? InputStream.nullInputStream() : entity.getContent();
        this.body = new BodyStream(raw == null ? InputStream.nullInputStream() : raw, stats, maxBytes);
    }

    public int status() {
        return response.getCode();
    }

    /** The header's value, or null. Names are matched case-insensitively. */
    public String header(String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /** Every response header in the order received, for an inspector. */
    public java.util.List<java.util.Map.Entry<String, String>> headers() {
        java.util.List<java.util.Map.Entry<String, String>> all = new java.util.ArrayList<>();
        for (Header h : response.getHeaders()) {
            all.add(java.util.Map.entry(h.getName(), h.getValue() == null ? "" : h.getValue()));
        }
        return all;
    }

    /** The media type without parameters, lower case; empty when the server sent none. */
    public String mediaType() {
        String value = header("Content-Type");
        if (value == null) {
            return "";
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The length the server announced for the body, or -1 when it did not (a chunked or streamed body). */
    public long contentLength() {
        HttpEntity entity = response.getEntity();
        return entity == null ? 0 : entity.getContentLength();
    }

    /** The body as it arrives, counted, and cut off with {@link ResponseTooLargeIOException} past the limit. */
    public InputStream body() {
        return body;
    }

    /** Reads the whole body (bounded by the limit). */
    public byte[] readAll() throws IOException {
        return body.readAllBytes();
    }

    /** Aborts the exchange: a read blocked in another thread fails at once and the connection is discarded. */
    public void cancel() {
        request.cancel();
    }

    public boolean isCancelled() {
        return request.isCancelled();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!body.reachedEnd) {
                request.cancel();
            }
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // The connection is discarded either way; nothing more to release.
        } finally {
            onClose.run();
        }
    }

    /** Counts bytes, enforces the limit and notes whether the end was reached. */
    private static final class BodyStream extends InputStream {
        private final InputStream in;
        private final HttpClientStats stats;
        private final long maxBytes;
        private long count;
        private volatile boolean reachedEnd;

        BodyStream(InputStream in, HttpClientStats stats, long maxBytes) {
            this.in = in;
            this.stats = stats;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (count >= maxBytes) {
                // One byte more tells a body of exactly the limit from a longer one.
                int probe = in.read();
                if (probe < 0) {
                    reachedEnd = true;
                    return -1;
                }
                throw new ResponseTooLargeIOException(maxBytes);
            }
            int n = in.read(b, off, (int) Math.min(len, maxBytes - count));
            if (n < 0) {
                reachedEnd = true;
                return -1;
            }
            count += n;
            stats.recordReceived(n);
            return n;
        }

        @Override
        public void close() throws IOException {
            // The exchange decides whether the connection is kept; closing the raw stream early would drain it.
        }
    }
}
