package dev.localagent.studio.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own small HTTP/1.1 server under the simulator: an accept loop on a platform thread and one
 * {@link HttpConnection} per client, served on a virtual thread while it reads or handles a request
 * and on no thread while a handed-over stream plays. Built because the JDK's server keeps ~36 KB of
 * buffers per connection, which every young collection of a 1,000-stream run copied; see
 * docs/decisions/2026-11-29-simulator-own-http-server.md. During an outage the listening socket is
 * closed (connection refused) and idle keep-alive connections with it; open streams play on.
 * Thread-safe.
 */
final class OwnHttpServer implements SimTransport {

    private static final Logger LOG = LoggerFactory.getLogger(OwnHttpServer.class);

    /**
     * @param requestTimeout a request's head and body must arrive within this, from its first byte
     *     (the JDK server's {@code maxReqTime})
     * @param idleTimeout a keep-alive connection with no request for this long is closed
     */
    record Limits(Duration requestTimeout, Duration idleTimeout) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    private final Handler handler;
    private final SimStats stats;
    private final ExecutorService threads;
    private final Limits limits;
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private ServerSocket listening;
    private Thread acceptor;
    private volatile boolean accepting;

    OwnHttpServer(Handler handler, SimStats stats, ExecutorService threads, Limits limits) {
        this.handler = handler;
        this.stats = stats;
        this.threads = threads;
        this.limits = limits;
    }

    @Override
    public int listen(InetSocketAddress at) throws IOException {
        ServerSocket socket = new ServerSocket();
        // the same port again right after an outage, though connections of before are in TIME_WAIT
        socket.setReuseAddress(true);
        socket.bind(at, 1024);
        Thread t = Thread.ofPlatform().daemon().name("sim-accept-" + socket.getLocalPort()).unstarted(() -> accept(socket));
        synchronized (lock) {
            listening = socket;
            acceptor = t;
            accepting = true;
        }
        t.start();
        return socket.getLocalPort();
    }

    private void accept(ServerSocket socket) {
        while (true) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("Simulator stops accepting on {}: {}", socket.getLocalSocketAddress(), e.toString());
                }
                return;
            }
            try {
                // stream frames are small; without this, Nagle's algorithm and delayed ACKs hold them back by up to 40 ms
                client.setTcpNoDelay(true);
                HttpConnection c = new HttpConnection(this, client);
                connections.add(c);
                try {
                    threads.execute(c::serve);
                } catch (RejectedExecutionException closing) {
                    c.close();
                }
            } catch (IOException e) {
                LOG.debug("Could not take a connection: {}", e.toString());
                closeQuietly(client);
            }
        }
    }

    @Override
    public void stopListening() {
        Thread t;
        synchronized (lock) {
            accepting = false;
            closeQuietly(listening);
            listening = null;
            t = acceptor;
            acceptor = null;
        }
        if (t != null && t != Thread.currentThread()) {
            // Closing a socket that a thread is blocked in accept() on only swaps the descriptor:
            // the kernel's socket listens (and completes handshakes) until that accept() returns.
            // Connections must be refused once this returns, so wait for the thread to leave.
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a real outage takes idle keep-alive connections with it; the others close after their reply
        connections.forEach(HttpConnection::closeIfIdle);
    }

    @Override
    public String name() {
        return "own";
    }

    @Override
    public void close() {
        stopListening();
        connections.forEach(HttpConnection::close);
    }

    boolean accepting() {
        return accepting;
    }

    Handler handler() {
        return handler;
    }

    SimStats stats() {
        return stats;
    }

    Limits limits() {
        return limits;
    }

    /** Open connections, for tests. */
    int connections() {
        return connections.size();
    }

    void execute(Runnable task) {
        threads.execute(task);
    }

    void forget(HttpConnection c) {
        connections.remove(c);
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("Close: {}", e.toString());
            }
        }
    }
}
