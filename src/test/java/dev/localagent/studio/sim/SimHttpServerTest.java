package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our own HTTP/1.1 server on raw sockets: what clients other than ours may send, and what a stream holds. */
class SimHttpServerTest {

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private OwnHttpServer server;
    private int port;
    /** Set by the /stream handler: its thread, and a latch the test opens to end the stream. */
    private final AtomicReference<Thread> streamHandler = new AtomicReference<>();
    private final CountDownLatch endStream = new CountDownLatch(1);

    private void start(OwnHttpServer.Limits limits) throws IOException {
        server = new OwnHttpServer(this::handle, new SimStats(), threads, limits);
        port = server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** What SimServer.dispatch does around a handler: close the exchange unless a stream took it over. */
    private void handle(SimExchange ex) throws IOException {
        try {
            switch (ex.path()) {
                case "/echo" -> {
                    byte[] body;
                    try {
                        body = ex.body(1000);
                    } catch (SimExchange.BodyTooLarge e) {
                        ex.send(SimResponse.text(413, "text/plain", "too large"));
                        return;
                    }
                    ex.send(SimResponse.text(200, "text/plain", ex.method() + " " + new String(body, StandardCharsets.UTF_8)
                            + " q=" + ex.query("q") + " h=" + ex.header("x-TEST")));
                }
                case "/stream" -> {
                    OutputStream out = ex.startStream("application/x-ndjson", java.util.Map.of());
                    out.write("one\n".getBytes(StandardCharsets.UTF_8));
                    ex.handOver();
                    streamHandler.set(Thread.currentThread());
                    // the rest of the stream is written by another thread, as the pacer does
                    Thread.ofPlatform().daemon().start(() -> {
                        try {
                            endStream.await(10, TimeUnit.SECONDS);
                            out.write("two\n".getBytes(StandardCharsets.UTF_8));
                            out.close();
                        } catch (Exception e) {
                            // the test sees a broken stream
                        } finally {
                            ex.endHandedOver();
                        }
                    });
                }
                case "/held" -> {
                    // the head waits for the first frame, or for the end when there is none
                    OutputStream out = ex.startStream("application/x-ndjson", java.util.Map.of(), true);
                    if ("frame".equals(ex.query("with"))) {
                        out.write("one\n".getBytes(StandardCharsets.UTF_8));
                    }
                    out.close();
                }
                case "/last" -> {
                    OutputStream out = ex.startStream("application/x-ndjson", java.util.Map.of());
                    out.write("one\n".getBytes(StandardCharsets.UTF_8));
                    ((LastFrame) out).writeLast("two\n".getBytes(StandardCharsets.UTF_8), 0, 4);
                    out.close(); // as StreamPlayer does after the last frame: nothing more is written
                }
                default -> ex.send(SimResponse.text(404, "text/plain", "no " + ex.path()));
            }
        } finally {
            ex.close();
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        threads.shutdownNow();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads one response: head, then a Content-Length or chunked body (de-chunked), or nothing for a HEAD. */
    private static String[] response(InputStream in, boolean head) throws IOException {
        String status = line(in);
        StringBuilder headers = new StringBuilder();
        int length = 0;
        boolean chunked = false;
        String h;
        while (!(h = line(in)).isEmpty()) {
            headers.append(h).append('\n');
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            } else if (lower.equals("transfer-encoding: chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head) {
            return new String[] {status, headers.toString(), ""};
        }
        if (chunked) {
            int size;
            while ((size = Integer.parseInt(line(in), 16)) > 0) {
                body.write(in.readNBytes(size));
                assertThat(line(in)).isEmpty();
            }
            assertThat(line(in)).isEmpty();
        } else {
            body.write(in.readNBytes(length));
        }
        return new String[] {status, headers.toString(), body.toString(StandardCharsets.UTF_8)};
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new java.io.EOFException("closed after " + b);
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Test
    void aKeepAliveConnectionServesRequestAfterRequest() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            for (int i = 0; i < 3; i++) {
                send(s, "POST /echo?q=" + i + " HTTP/1.1\r\nHost: x\r\nX-Test: yes\r\nContent-Length: 5\r\n\r\nhello");
                String[] r = response(s.getInputStream(), false);
                assertThat(r[0]).isEqualTo("HTTP/1.1 200 OK");
                assertThat(r[1]).contains("Date: ").contains("Content-Type: text/plain");
                assertThat(r[2]).isEqualTo("POST hello q=" + i + " h=yes");
            }
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionWhoseRequestWasReadWholeClosesAtOnceAfterAConnectionCloseReply() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(response(s.getInputStream(), false)[2]).isEqualTo("POST hello q=null h=null");
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            // the client keeps its end open: the server does not wait for it (it used to linger up to 1 s)
            long until = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (server.connections() > 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void aConnectionWithAnUnreadBodyLingersAfterItsReply() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            // the 404 handler does not read the body: closing at once could reset the connection under the reply
            send(s, "POST /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(response(s.getInputStream(), false)[0]).isEqualTo("HTTP/1.1 404 Not Found");
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aStreamsLastFrameAndItsEndGoOutTogetherAndTheConnectionServesOn() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "GET /last HTTP/1.1\r\nHost: x\r\n\r\n");
            String[] r = response(s.getInputStream(), false);
            assertThat(r[1]).contains("Transfer-Encoding: chunked");
            assertThat(r[2]).isEqualTo("one\ntwo\n");
            send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
            assertThat(response(s.getInputStream(), false)[2]).isEqualTo("POST ok q=null h=null");
        }
    }

    @Test
    void aHeadHeldForTheFirstFrameGoesOutWithItOrWithTheEnd() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "GET /held?with=frame HTTP/1.1\r\nHost: x\r\n\r\n");
            String[] r = response(s.getInputStream(), false);
            assertThat(r[0]).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r[1]).contains("Transfer-Encoding: chunked").contains("Content-Type: application/x-ndjson");
            assertThat(r[2]).isEqualTo("one\n");
            send(s, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
            r = response(s.getInputStream(), false);
            assertThat(r[0]).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r[2]).isEmpty();
        }
    }

    @Test
    void aChunkedRequestBodyIsReadWholeAndAnExpectContinueIsAnswered() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: t\r\n\r\n");
            assertThat(response(s.getInputStream(), false)[2]).isEqualTo("POST hello world q=null h=null");

            send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
            assertThat(line(s.getInputStream())).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(line(s.getInputStream())).isEmpty();
            send(s, "abc");
            assertThat(response(s.getInputStream(), false)[2]).isEqualTo("POST abc q=null h=null");
        }
    }

    @Test
    void aPipelinedRequestIsServedAfterAStreamOnTheSameConnection() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\nGET /echo?q=after HTTP/1.1\r\nHost: x\r\n\r\n");
            endStream.countDown();
            String[] stream = response(s.getInputStream(), false);
            assertThat(stream[1]).contains("Transfer-Encoding: chunked").contains("Cache-Control: no-cache");
            assertThat(stream[2]).isEqualTo("one\ntwo\n");
            assertThat(response(s.getInputStream(), false)[2]).isEqualTo("GET  q=after h=null");
        }
    }

    @Test
    void aStreamsConnectionHoldsNoThreadOnceItsHandlerReturned() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            assertThat(line(in)).isEqualTo("HTTP/1.1 200 OK");
            long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while ((streamHandler.get() == null || streamHandler.get().isAlive()) && System.nanoTime() < giveUp) {
                Thread.sleep(5);
            }
            assertThat(streamHandler.get().isAlive()).as("the request's thread ended while its stream is open").isFalse();
            endStream.countDown();
            while (!line(in).isEmpty()) {
                // the rest of the head
            }
            assertThat(line(in)).isEqualTo("4");
            // the connection goes on, on a new thread, once the stream has ended
            String rest = new String(in.readNBytes("one\n\r\n4\r\ntwo\n\r\n0\r\n\r\n".length()), StandardCharsets.ISO_8859_1);
            assertThat(rest).isEqualTo("one\n\r\n4\r\ntwo\n\r\n0\r\n\r\n");
            send(s, "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(response(in, false)[2]).isEqualTo("GET  q=null h=null");
        }
    }

    @Test
    void aMalformedRequestGetsA400AndTheConnectionCloses() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        for (String bad : new String[] {"GARBAGE\r\n\r\n", "GET /x HTTP/1.1\r\nNo colon here\r\n\r\n", "GET /x HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
                "GET /x HTTP/1.1\r\n folded: header\r\n\r\n", "G(T /x HTTP/1.1\r\n\r\n"}) {
            try (Socket s = connect()) {
                send(s, bad);
                assertThat(line(s.getInputStream())).as(bad).isEqualTo("HTTP/1.1 400 Bad Request");
                assertThat(s.getInputStream().readAllBytes()).asString().contains("Connection: close");
            }
        }
        try (Socket s = connect()) {
            send(s, "GET /x HTTP/1.1\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n");
            assertThat(line(s.getInputStream())).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
        }
    }

    @Test
    void aHeadRequestGetsTheHeadersWithoutTheBody() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "HEAD /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            String[] head = response(s.getInputStream(), true);
            assertThat(head[0]).isEqualTo("HTTP/1.1 200 OK");
            assertThat(head[1]).contains("Content-Length: 19");
            // had a body been sent, this would read it instead of the next response
            send(s, "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(response(s.getInputStream(), false)[0]).isEqualTo("HTTP/1.1 404 Not Found");
        }
    }

    @Test
    void aBodyThatNeverArrivesIsCutAtTheRequestDeadline() throws Exception {
        start(new OwnHttpServer.Limits(Duration.ofMillis(300), Duration.ofSeconds(30)));
        try (Socket s = connect()) {
            send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten..");
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).as("closed without a reply").isEqualTo(-1);
            assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
        }
        try (Socket s = connect()) {
            send(s, "GET /echo HTTP/1.1\r\nHost: x\r\n"); // a head that never ends
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.connections() > 0 && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        assertThat(server.connections()).as("connections the deadline cut are forgotten").isZero();
    }

    @Test
    void anOutageRefusesConnectionsClosesIdleOnesAndEndsWhenListeningAgain() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket idle = connect()) {
            send(idle, "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            response(idle.getInputStream(), false);
            server.stopListening();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            assertThat(idle.getInputStream().read()).as("the idle keep-alive connection went with the outage").isEqualTo(-1);
        }
        server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        // refused as soon as stopListening returns, every time (the accept thread held the socket open for a moment)
        for (int i = 0; i < 30; i++) {
            server.stopListening();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("round " + i).isInstanceOf(ConnectException.class);
            server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        try (Socket s = connect()) {
            send(s, "GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String[] r = response(s.getInputStream(), false);
            assertThat(r[1]).contains("Connection: close");
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void http10GetsItsReplyAndTheConnectionCloses() throws Exception {
        start(OwnHttpServer.Limits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "GET /stream HTTP/1.0\r\n\r\n");
            endStream.countDown();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(all).startsWith("HTTP/1.1 200 OK").doesNotContain("chunked").endsWith("\r\n\r\none\ntwo\n");
        }
    }
}
