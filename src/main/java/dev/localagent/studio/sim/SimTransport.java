package dev.localagent.studio.sim;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The HTTP server under the simulator: our own ({@link OwnHttpServer}, the default) or, for A/B
 * runs, the JDK's ({@code -Dsim.server=jdk}). It listens, hands each request to the handler as a
 * {@link SimExchange}, and can stop listening for an outage and listen again on the same port.
 */
interface SimTransport {

    /** Answers one request; may throw {@link SimExchange.ConnectionDrop} to cut the connection. */
    interface Handler {
        void handle(SimExchange ex) throws IOException;
    }

    /** Starts listening at {@code at}; returns the port bound (a free one for port 0). */
    int listen(InetSocketAddress at) throws IOException;

    /** Stops listening: new connections are refused. */
    void stopListening();

    /** Stops listening and ends every connection. */
    void close();

    /** Which server this is, for the log: {@code own} or {@code JDK}. */
    String name();

    /** The transport {@code -Dsim.server} names: {@code jdk} for the JDK's server, otherwise ours. */
    static SimTransport of(String name, Handler handler, SimStats stats, java.util.concurrent.ExecutorService threads) {
        return "jdk".equalsIgnoreCase(name) ? new JdkTransport(handler, stats, threads)
                : new OwnHttpServer(handler, stats, threads, OwnHttpServer.Limits.DEFAULT);
    }
}
