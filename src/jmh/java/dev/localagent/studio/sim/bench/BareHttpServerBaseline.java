package dev.localagent.studio.sim.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The baseline the simulator's throughput is measured against: a bare JDK HttpServer on virtual
 * threads answering every request with a fixed small JSON body. Same machine, same run, same wrk
 * command, so the ratio survives a noisy shared machine. Usage: {@code java -cp target/test-classes
 * dev.localagent.studio.sim.bench.BareHttpServerBaseline PORT}.
 */
public final class BareHttpServerBaseline {

    private BareHttpServerBaseline() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
        byte[] hello = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, hello.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(hello);
            }
        });
        server.start();
        System.out.println("baseline listening on http://127.0.0.1:" + port);
    }
}
