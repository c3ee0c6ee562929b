package dev.localagent.studio.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;

/**
 * The JDK's {@code com.sun.net.httpserver} under the simulator, one virtual thread per request:
 * what the simulator ran on before our own server, kept selectable ({@code -Dsim.server=jdk}) to
 * compare the two. Stopping it for an outage also closes its open connections (after a second's
 * grace). Guarded by the caller ({@link SimServer}'s listener lock).
 */
final class JdkTransport implements SimTransport {

    static {
        // Stream frames are small; without TCP_NODELAY Nagle's algorithm and delayed ACKs hold
        // them back by up to 40 ms. The JDK server reads this once, when its first instance starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // A client that announces a body and never sends it would hold a thread forever; the JDK
        // server closes a connection whose request is not fully read within this many seconds.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "30");
        }
    }

    private final Handler handler;
    private final SimStats stats;
    private final ExecutorService threads;
    private HttpServer server;

    JdkTransport(Handler handler, SimStats stats, ExecutorService threads) {
        this.handler = handler;
        this.stats = stats;
        this.threads = threads;
    }

    @Override
    public int listen(InetSocketAddress at) throws IOException {
        HttpServer s = HttpServer.create(at, 1024);
        s.setExecutor(threads);
        // a ConnectionDrop thrown out of the handler is how the JDK server cuts a connection mid-message
        s.createContext("/", exchange -> handler.handle(new JdkSimExchange(exchange, stats)));
        s.start();
        server = s;
        return s.getAddress().getPort();
    }

    @Override
    public void stopListening() {
        if (server != null) {
            // new connections are refused at once; replies already being written (such as the
            // admin PUT that started this outage) get up to a second to finish
            server.stop(1);
            server = null;
        }
    }

    @Override
    public String name() {
        return "JDK";
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
