package dev.localagent.studio.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A request on our own HTTP/1.1 server ({@link HttpConnection}) and its reply. The head is kept
 * as its bytes plus offsets; a header value becomes a string only when asked for. The body is read
 * when the handler asks, straight into an array of the announced length (or de-chunked). A whole
 * reply is written with one write; a stream writes each frame as one chunk with one write, in a
 * pooled buffer, on whatever thread writes it. Not thread-safe, except {@link #arrive}.
 */
final class HttpExchangeImpl extends SimExchange {

    /** What the handler may leave of a body and still keep the connection: skipped before the next request. */
    static final int DRAIN_LIMIT = 64 * 1024;
    private static final int FRAME_SIZE = 16 * 1024;
    /** Chunk buffers for frames, shared by the writing threads: a frame costs no allocation. */
    private static final ArrayBlockingQueue<byte[]> FRAMES = new ArrayBlockingQueue<>(64);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] EMPTY = new byte[0];

    private enum Body { NONE, LENGTH, CHUNKED }

    private final HttpConnection conn;
    private final HttpRequestHead head;
    private final String method;
    private final boolean http11;
    /** A status to refuse the request with (431, 501, 505), or 0. */
    private int refusal;
    private Body body = Body.NONE;
    private long bodyLeft;
    private boolean expectContinue;
    private boolean continueSent;
    private boolean replied;
    private boolean broken;
    private Frames stream;
    /** Guarded by this: the handler's return and a handed-over stream's end. */
    private int arrived;

    private HttpExchangeImpl(HttpConnection conn, HttpRequestHead head, SimStats stats) {
        super(stats);
        this.conn = conn;
        this.head = head;
        this.method = head.method;
        this.http11 = head.http11;
        this.refusal = head.refusal;
    }

    /** Parses a request head (ending in a blank line); null if malformed (a 400). */
    static HttpExchangeImpl parse(HttpConnection conn, byte[] h, SimStats stats) {
        HttpRequestHead head = HttpRequestHead.parse(h);
        if (head == null) {
            return null;
        }
        HttpExchangeImpl ex = new HttpExchangeImpl(conn, head, stats);
        return ex.framing() ? ex : null;
    }

    /** How the body is delimited, and what the client asked of the connection. */
    private boolean framing() {
        String te = header("Transfer-Encoding");
        String cl = header("Content-Length");
        if (te != null) {
            if (!te.equalsIgnoreCase("chunked")) {
                refusal = 501; // a coding we cannot undo
            }
            body = Body.CHUNKED;
        } else if (cl != null) {
            if (cl.isEmpty() || cl.length() > 18) {
                return false;
            }
            for (int i = 0; i < cl.length(); i++) {
                if (cl.charAt(i) < '0' || cl.charAt(i) > '9') {
                    return false;
                }
            }
            bodyLeft = Long.parseLong(cl);
            body = bodyLeft > 0 ? Body.LENGTH : Body.NONE;
        }
        String expect = header("Expect");
        expectContinue = http11 && expect != null && expect.equalsIgnoreCase("100-continue");
        return true;
    }

    /** A status to refuse the request with instead of handling it, or 0. */
    int status() {
        return refusal;
    }

    @Override
    String method() {
        return method;
    }

    @Override
    String path() {
        return head.path;
    }

    @Override
    String rawQuery() {
        return head.rawQuery;
    }

    @Override
    String header(String name) {
        return head.header(name);
    }

    boolean keepAlive() {
        return head.keepAlive();
    }

    @Override
    InetSocketAddress remoteAddress() {
        return conn.remote();
    }

    @Override
    byte[] body(int limit) throws IOException, BodyTooLarge {
        switch (body) {
            case NONE -> {
                return EMPTY;
            }
            case LENGTH -> {
                if (bodyLeft > limit) {
                    throw new BodyTooLarge(); // unread: the connection is closed after the reply, or the rest skipped
                }
                sendContinue();
                byte[] b = new byte[(int) bodyLeft];
                conn.readFully(b, 0, b.length);
                body = Body.NONE;
                return b;
            }
            default -> {
                return chunkedBody(limit);
            }
        }
    }

    private byte[] chunkedBody(int limit) throws IOException, BodyTooLarge {
        sendContinue();
        byte[] b = new byte[Math.min(limit, 1024)];
        int total = 0;
        while (true) {
            String line = conn.readLine(1024);
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
            long size;
            try {
                size = hex.isEmpty() || hex.length() > 8 || hex.charAt(0) == '-' || hex.charAt(0) == '+' ? -1 : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new IOException("malformed chunk size: " + line);
            }
            if (size == 0) {
                while (!conn.readLine(8192).isEmpty()) {
                    // trailer fields: not used
                }
                body = Body.NONE;
                return Arrays.copyOf(b, total);
            }
            if (total + size > limit) {
                throw new BodyTooLarge();
            }
            if (total + size > b.length) {
                b = Arrays.copyOf(b, (int) Math.min(limit, Math.max(total + size, 2L * b.length)));
            }
            conn.readFully(b, total, (int) size);
            total += (int) size;
            if (!conn.readLine(16).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private void sendContinue() throws IOException {
        if (expectContinue && !continueSent && !headersSent()) {
            continueSent = true;
            conn.write(CONTINUE, 0, CONTINUE.length);
        }
    }

    /** Whether the request's body, if it had one, has been read to its end. */
    boolean bodyRead() {
        return body == Body.NONE;
    }

    /** Skips what the handler left of the body; {@code false} if the connection cannot be reused for that. */
    boolean skipUnreadBody() throws IOException {
        if (body == Body.NONE) {
            return true;
        }
        if (body == Body.CHUNKED || (expectContinue && !continueSent) || bodyLeft > DRAIN_LIMIT) {
            return false; // the client may or may not send it, or it is too long to wait for
        }
        conn.skip(bodyLeft);
        body = Body.NONE;
        return true;
    }

    @Override
    protected void sendWhole(int status, List<String> headers, byte[] content, boolean headOnly) throws IOException {
        boolean noBody = status < 200 || status == 204 || status == 304;
        int bodyLength = noBody || headOnly ? 0 : content.length;
        byte[] reply = HttpHead.write(status, headers, noBody ? -1 : content.length, false, keepAlive(), http11, bodyLength <= 65536 ? bodyLength : 0);
        int headLength = reply.length - (bodyLength <= 65536 ? bodyLength : 0);
        try {
            if (bodyLength <= 65536) {
                System.arraycopy(content, 0, reply, headLength, bodyLength);
                conn.write(reply, 0, reply.length);
            } else {
                conn.write(reply, 0, reply.length);
                conn.write(content, 0, bodyLength);
            }
            replied = true;
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    protected OutputStream sendStreamHead(List<String> headers, boolean withFirstFrame) throws IOException {
        boolean headOnly = "HEAD".equals(method);
        // HTTP/1.0 knows no chunks: the body ends when the connection closes
        Frames frames = new Frames(http11, headOnly);
        byte[] reply = HttpHead.write(200, headers, -1, http11, keepAlive() && http11, http11, 0);
        stream = frames;
        if (withFirstFrame && http11 && !headOnly) {
            // one write fewer per stream: 1,000 streams opened together are a burst of writes on two cores
            frames.pendingHead = reply;
            return frames;
        }
        try {
            conn.write(reply, 0, reply.length);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
        return frames;
    }

    /** The reply went out whole: the next request may follow. */
    boolean complete() {
        return !broken && (replied || (stream != null && stream.ended && stream.chunked));
    }

    @Override
    protected void finish() {
        if (stream != null && !stream.ended) {
            try {
                stream.close(); // the terminating chunk, as the JDK server's exchange close wrote it
            } catch (IOException e) {
                broken = true;
            }
        }
    }

    @Override
    protected void finishHandedOver() {
        finish();
        conn.streamEnded(this);
    }

    /** The handler's return and a handed-over stream's end each arrive once; {@code true} for the second. */
    synchronized boolean arrive() {
        return ++arrived == 2;
    }

    /** A streamed body: every write is one chunk, written to the socket at once with one write. */
    private final class Frames extends OutputStream implements LastFrame {
        final boolean chunked;
        final boolean headOnly;
        boolean ended;
        /** The response head, when it goes out with the first frame (or the first flush or close). */
        byte[] pendingHead;

        Frames(boolean chunked, boolean headOnly) {
            this.chunked = chunked;
            this.headOnly = headOnly;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            chunk(b, off, len, false);
        }

        @Override
        public void writeLast(byte[] b, int off, int len) throws IOException {
            chunk(b, off, len, true);
        }

        /** One chunk in one socket write; with {@code last}, the terminating chunk in the same write and the stream ends. */
        private void chunk(byte[] b, int off, int len, boolean last) throws IOException {
            if (ended) {
                throw new IOException("stream already ended");
            }
            if (last && (!chunked || headOnly || len == 0)) {
                write(b, off, len);
                close();
                return;
            }
            if (len == 0 || headOnly) {
                return;
            }
            try {
                if (!chunked) {
                    conn.write(b, off, len); // HTTP/1.0: never a held head (see sendStreamHead)
                    return;
                }
                byte[] head = pendingHead;
                int headLength = head == null ? 0 : head.length;
                pendingHead = null;
                int size = headLength + HttpHead.hexLength(len) + 2 + len + 2 + (last ? LAST_CHUNK.length : 0);
                byte[] f = size <= FRAME_SIZE ? FRAMES.poll() : new byte[size];
                if (f == null) {
                    f = new byte[FRAME_SIZE];
                }
                if (head != null) {
                    System.arraycopy(head, 0, f, 0, headLength);
                }
                int at = HttpHead.putHex(f, headLength, len);
                f[at++] = '\r';
                f[at++] = '\n';
                System.arraycopy(b, off, f, at, len);
                at += len;
                f[at++] = '\r';
                f[at++] = '\n';
                if (last) {
                    System.arraycopy(LAST_CHUNK, 0, f, at, LAST_CHUNK.length);
                    at += LAST_CHUNK.length;
                    ended = true;
                }
                try {
                    conn.write(f, 0, at);
                } finally {
                    if (f.length == FRAME_SIZE) {
                        FRAMES.offer(f);
                    }
                }
            } catch (IOException e) {
                broken = true;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            // every write went to the socket already; only a held head may be waiting
            sendPendingHead();
        }

        private void sendPendingHead() throws IOException {
            byte[] head = pendingHead;
            if (head != null) {
                pendingHead = null;
                try {
                    conn.write(head, 0, head.length);
                } catch (IOException e) {
                    broken = true;
                    throw e;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (ended) {
                return;
            }
            ended = true;
            byte[] head = pendingHead;
            pendingHead = null;
            if (chunked && !headOnly) {
                byte[] end = LAST_CHUNK;
                if (head != null) { // a stream that ended before its first frame: head and end together
                    end = Arrays.copyOf(head, head.length + LAST_CHUNK.length);
                    System.arraycopy(LAST_CHUNK, 0, end, head.length, LAST_CHUNK.length);
                }
                try {
                    conn.write(end, 0, end.length);
                } catch (IOException e) {
                    broken = true;
                    throw e;
                }
            }
        }
    }

}
