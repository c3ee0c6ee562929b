package dev.localagent.studio.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of our own HTTP/1.1 server: the keep-alive loop that reads a request
 * head, hands the request to the handler and goes on with the next one. Blocking I/O on a virtual
 * thread, one small read buffer (grown only for a large head). A request must arrive whole within
 * the request timeout, so that a client that announces a body and never sends it cannot hold a
 * thread; an idle connection is closed after the idle timeout.
 *
 * <p>A handed-over stream holds no thread: the loop's thread ends when the handler returns, and
 * whichever comes second, the handler's return or the stream's end, carries the loop on (see
 * {@link HttpExchangeImpl#arrive}). Not thread-safe except {@link #close} and {@link #closeIfIdle}:
 * one thread at a time reads, and one at a time writes.
 */
final class HttpConnection {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);

    /** Enough for the heads real clients send; a larger head grows it, up to {@link #MAX_HEAD}. */
    static final int INITIAL_BUFFER = 2048;
    /** A larger request head gets a 431. */
    static final int MAX_HEAD = 64 * 1024;
    /** How long, and how much, a closing connection reads and discards what the client still sends. */
    private static final int LINGER_MILLIS = 1000;
    private static final long LINGER_BYTES = 1 << 20;

    private final OwnHttpServer server;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final InetSocketAddress remote;
    private byte[] buf;
    private int pos;
    private int lim;
    /** When the request being read must be in ({@link System#nanoTime()}). */
    private long deadline;
    /** Waiting for the first byte of a request: an outage may close the connection now. */
    private volatile boolean idle;
    private volatile boolean closed;

    HttpConnection(OwnHttpServer server, Socket socket) throws IOException {
        this.server = server;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    InetSocketAddress remote() {
        return remote;
    }

    /** The keep-alive loop, from a new connection or after a request that went well. */
    void serve() {
        try {
            HttpExchangeImpl ex;
            while ((ex = readRequest()) != null) {
                if (!handle(ex)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or was too slow with its request: nothing to tell it
            LOG.debug("Connection from {} ends: {}", remote, e.toString());
        } catch (RuntimeException | Error e) {
            LOG.warn("Connection from {} failed: {}", remote, e.toString(), e);
        }
        close();
    }

    /** Runs the handler; {@code true} to read the next request on this thread (otherwise the connection is closed or a stream holds it). */
    private boolean handle(HttpExchangeImpl ex) throws IOException {
        try {
            server.handler().handle(ex);
        } catch (SimExchange.ConnectionDrop drop) {
            close(); // cut mid-message, on purpose
            return false;
        }
        if (ex.handedOver()) {
            if (pos == lim) {
                buf = null; // a stream may last minutes: hold no read buffer meanwhile
            }
            // the stream goes on without this thread; if it is already over, carry on here. Past
            // arrive() this thread must not touch the connection unless it carries on.
            if (!ex.arrive()) {
                return false;
            }
        }
        if (reusableAfter(ex)) {
            return true;
        }
        closeAfter(ex);
        return false;
    }

    /** A handed-over stream has ended (on its own thread): the connection's next request gets a new thread. */
    void streamEnded(HttpExchangeImpl ex) {
        if (!ex.arrive()) {
            return; // the handler has not returned yet; its thread carries on
        }
        try {
            server.execute(() -> {
                try {
                    if (reusableAfter(ex)) {
                        serve();
                        return;
                    }
                } catch (IOException e) {
                    LOG.debug("Connection from {} ends: {}", remote, e.toString());
                }
                closeAfter(ex);
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            close();
        }
    }

    /** Whether the next request may follow on this connection, after skipping what the handler left of this one's body. */
    private boolean reusableAfter(HttpExchangeImpl ex) throws IOException {
        if (closed || !ex.complete() || !ex.keepAlive() || !server.accepting()) {
            return false;
        }
        return ex.skipUnreadBody();
    }

    /** Reads the next request head; null if the client closed, went idle too long, or sent something we refused. */
    private HttpExchangeImpl readRequest() throws IOException {
        if (buf == null || pos == lim) {
            pos = lim = 0;
            if (buf == null || buf.length > INITIAL_BUFFER) {
                buf = new byte[INITIAL_BUFFER]; // a large head's buffer is not kept
            }
        }
        while (true) {
            // blank lines before a request are allowed (RFC 9112, 2.2)
            while (pos < lim && (buf[pos] == '\r' || buf[pos] == '\n')) {
                pos++;
            }
            if (pos < lim) {
                break;
            }
            pos = lim = 0;
            if (!awaitRequest()) {
                return null;
            }
        }
        deadline = System.nanoTime() + server.limits().requestTimeout().toNanos();
        int scanned = pos;
        int end;
        while ((end = headEnd(scanned)) < 0) {
            scanned = Math.max(pos, lim - 3);
            if (lim - pos >= MAX_HEAD) {
                reject(431);
                return null;
            }
            if (!fill()) {
                close(); // closed mid-head
                return null;
            }
        }
        byte[] head = java.util.Arrays.copyOfRange(buf, pos, end);
        pos = end;
        HttpExchangeImpl ex = HttpExchangeImpl.parse(this, head, server.stats());
        if (ex == null) {
            reject(400);
            return null;
        }
        if (ex.status() != 0) {
            reject(ex.status());
            return null;
        }
        return ex;
    }

    /** Waits, idle, for the first bytes of a request; {@code false} on end of stream, idle timeout or outage. */
    private boolean awaitRequest() throws IOException {
        idle = true;
        try {
            // checked after idle is set: an outage that begins now either sees idle or is seen here
            if (!server.accepting() || closed) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, server.limits().idleTimeout().toMillis()));
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return false;
            }
            lim = n;
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            if (closed) {
                return false; // closed under us by an outage or the server's close
            }
            throw e;
        } finally {
            idle = false;
        }
    }

    /** The index just past the blank line that ends a head in {@code buf[pos, lim)}, or -1. Accepts bare LF line ends. */
    private int headEnd(int from) {
        for (int i = from; i < lim; i++) {
            if (buf[i] == '\n') {
                if (i + 1 < lim && buf[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < lim && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Reads more into the buffer (compacting or growing it) before the request's deadline; {@code false} at end of stream. */
    private boolean fill() throws IOException {
        if (buf == null) {
            buf = new byte[INITIAL_BUFFER];
            pos = lim = 0;
        }
        if (lim == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            } else {
                buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_HEAD + 1024));
            }
        }
        setTimeoutToDeadline();
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            return false;
        }
        lim += n;
        return true;
    }

    private void setTimeoutToDeadline() throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("request not in within " + server.limits().requestTimeout());
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
    }

    /** Reads exactly {@code len} body bytes, first from the buffer, then straight from the socket. */
    void readFully(byte[] into, int off, int len) throws IOException {
        int from = Math.min(len, lim - pos);
        if (from > 0) {
            System.arraycopy(buf, pos, into, off, from);
            pos += from;
        }
        int done = from;
        while (done < len) {
            setTimeoutToDeadline();
            int n = in.read(into, off + done, len - done);
            if (n < 0) {
                throw new java.io.EOFException("body cut short");
            }
            done += n;
        }
    }

    /** Skips {@code len} body bytes the handler left, within a new request timeout. */
    void skip(long len) throws IOException {
        deadline = System.nanoTime() + server.limits().requestTimeout().toNanos();
        while (len > 0) {
            if (pos == lim) {
                pos = lim = 0;
                if (!fill()) {
                    throw new java.io.EOFException("body cut short");
                }
            }
            int n = (int) Math.min(len, lim - pos);
            pos += n;
            len -= n;
        }
    }

    /** One line of a chunked body (a chunk size or a trailer), without its line end; at most {@code max} bytes. */
    String readLine(int max) throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            if (lim - pos > max) {
                throw new java.io.IOException("chunked body line too long");
            }
            int consumed = lim - pos;
            if (!fill()) {
                throw new java.io.EOFException("body cut short");
            }
            from = pos + consumed;
        }
    }

    /** Writes on the socket at once (TCP_NODELAY: one segment per write for a small reply or frame). */
    void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Answers a request we could not take; the connection is then closed. */
    private void reject(int status) {
        try {
            String reply = "HTTP/1.1 " + status + " " + HttpHead.reason(status) + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            LOG.debug("Could not tell {} about its bad request: {}", remote, e.toString());
        }
        closeAfterReply();
    }

    /**
     * Closes after {@code ex}'s reply: at once when all of its request was read and nothing more
     * has arrived (a close then sends no reset, as with the JDK server; 1,000 streams asking for
     * {@code Connection: close} end within a few hundred milliseconds, and lingering cost each
     * a shutdown, a timed wait and more reads in that burst), otherwise after lingering.
     */
    private void closeAfter(HttpExchangeImpl ex) {
        try {
            if (!closed && ex.bodyRead() && (buf == null || pos == lim) && in.available() == 0) {
                close();
                return;
            }
        } catch (IOException e) {
            LOG.debug("Closing {}: {}", remote, e.toString());
        }
        closeAfterReply();
    }

    /**
     * Closes after a reply when the client may still be sending (an unread body, a refused head):
     * a close with unread input resets the connection, and the client could lose the reply with
     * it. So: end our side, read and discard what comes for a moment, then close.
     */
    private void closeAfterReply() {
        try {
            if (!closed) {
                socket.shutdownOutput();
                socket.setSoTimeout(LINGER_MILLIS);
                byte[] sink = buf != null ? buf : new byte[INITIAL_BUFFER];
                long until = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
                long left = LINGER_BYTES;
                int n;
                while (left > 0 && System.nanoTime() < until && (n = in.read(sink, 0, sink.length)) >= 0) {
                    left -= n;
                }
            }
        } catch (IOException e) {
            LOG.debug("Closing {}: {}", remote, e.toString());
        }
        close();
    }

    /** Closes the connection if it waits for a request (an outage began). */
    void closeIfIdle() {
        if (idle) {
            close();
        }
    }

    /** Closes the socket, whatever the connection is doing: a blocked read or write fails at once. */
    void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing {}: {}", remote, e.toString());
        }
        server.forget(this);
    }

    boolean closed() {
        return closed;
    }
}
