package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.localagent.studio.sim.fault.FaultPlan;
import dev.localagent.studio.sim.fault.FaultSet;
import org.junit.jupiter.api.Test;

/** The pacer writes stream frames for many streams on one thread; a client that stops reading must not hold the others up. */
class SimPacerTest {

    /**
     * Every frame due 10 µs after the last, from half a second on: the request thread has handed
     * the stream to the pacer by then (even on a busy machine), which writes the frames back to back.
     */
    static final Pacing FAST = Pacing.of(Duration.ofMillis(500), 100_000);

    static String ollama(int tokens) {
        return "{\"model\":\"llama3.2\",\"options\":{\"num_predict\":" + tokens + "},\"messages\":[{\"role\":\"user\",\"content\":\"tell me everything\"}]}";
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldUpOtherStreams() throws Exception {
        // the last token of every reply is padded to 8 MB: far more than a socket buffers, so a write to a client that does not read blocks
        FaultPlan padded = FaultPlan.steady("padded", FaultSet.builder().oversizedRate(1.0).oversizedBytes(8_000_000).build());
        try (SimHarness sim = new SimHarness(SimOptions.builder().fixedPacing(FAST).faults(padded).build());
                Socket stuck = new Socket()) {
            long replacedBefore = Pacer.replacedWorkers();
            // a tiny receive window that is never read
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("127.0.0.1", sim.server.port()), 5000);
            String body = ollama(20);
            OutputStream out = stuck.getOutputStream();
            out.write(("POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();

            long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (Pacer.replacedWorkers() == replacedBefore && System.nanoTime() < giveUp) {
                Thread.sleep(10);
            }
            assertThat(Pacer.replacedWorkers()).as("the watchdog replaced the pacer thread stuck in a write").isGreaterThan(replacedBefore);

            // the stuck client still holds its stream open; another stream is written in full meanwhile
            List<String> lines = sim.post("/api/chat", ollama(20)).body().lines().toList();
            assertThat(lines).hasSize(22);
            assertThat(lines.get(20).length()).isGreaterThan(8_000_000);
            assertThat(SimHarness.json(lines.get(21)).path("done").asBoolean()).isTrue();
        }
    }

    @Test
    void streamsOnThePacerKeepTheirFramesInOrderAndComplete() throws Exception {
        try (SimHarness sim = new SimHarness(SimOptions.builder().fixedPacing(Pacing.of(Duration.ofMillis(5), 2000)).build())) {
            var threads = new java.util.ArrayList<Thread>();
            var results = new java.util.concurrent.ConcurrentLinkedQueue<List<String>>();
            for (int i = 0; i < 20; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        results.add(sim.post("/api/chat", ollama(30)).body().lines().toList());
                    } catch (Exception e) {
                        results.add(List.of("failed: " + e));
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(30));
            }
            assertThat(results).hasSize(20);
            String reference = null;
            for (List<String> lines : results) {
                assertThat(lines).hasSize(31);
                StringBuilder text = new StringBuilder();
                for (String line : lines.subList(0, 30)) {
                    text.append(SimHarness.json(line).path("message").path("content").asText());
                }
                // identical requests get identical replies: every stream carried every token, in order
                reference = reference == null ? text.toString() : reference;
                assertThat(text.toString()).isEqualTo(reference);
                assertThat(SimHarness.json(lines.get(30)).path("eval_count").asInt()).isEqualTo(30);
            }
        }
    }

    @Test
    void aStreamGoesOnAfterItsRequestThreadHasReturned() throws Exception {
        // 20 streams of 10 tokens 100 ms apart: a second of streaming, during which we look at the threads
        try (SimHarness sim = new SimHarness(SimOptions.builder().fixedPacing(Pacing.of(Duration.ZERO, 10)).build())) {
            var results = new java.util.concurrent.ConcurrentLinkedQueue<List<String>>();
            var clients = new java.util.ArrayList<Thread>();
            var opened = new java.util.concurrent.CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                clients.add(Thread.ofPlatform().daemon().start(() -> {
                    try (Socket client = new Socket("127.0.0.1", sim.server.port())) {
                        results.add(streamedLines(client, ollama(10), opened));
                    } catch (Exception e) {
                        results.add(List.of("failed: " + e));
                    }
                }));
            }
            assertThat(opened.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("every stream sent its first token").isTrue();

            // every stream is open and waiting for its next token; no request thread waits with it
            // (a parked request thread would still be inside the server's handler)
            java.nio.file.Path dump = java.nio.file.Files.createTempFile("sim-threads", ".json");
            java.nio.file.Files.delete(dump);
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            String threads = java.nio.file.Files.readString(dump);
            java.nio.file.Files.delete(dump);
            assertThat(results).as("no stream had ended when the threads were dumped").isEmpty();
            assertThat(threads).contains("sim-pacer");
            assertThat(threads.split(java.util.regex.Pattern.quote(SimServer.class.getName() + ".dispatch("), -1).length - 1)
                    .as("request threads still inside the server's handler").isZero();

            for (Thread t : clients) {
                t.join(Duration.ofSeconds(20));
            }
            assertThat(results).hasSize(20);
            for (List<String> lines : results) {
                assertThat(lines).hasSize(11);
                assertThat(SimHarness.json(lines.get(10)).path("eval_count").asInt()).isEqualTo(10);
            }
        }
    }

    /** Posts {@code body} to Ollama's chat on a raw socket and reads the chunked stream to its end; counts {@code opened} down at the first frame. */
    private static List<String> streamedLines(Socket client, String body, java.util.concurrent.CountDownLatch opened) throws Exception {
        client.setSoTimeout(20_000);
        client.getOutputStream().write(("POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        while (!in.readLine().isEmpty()) {
            // the status line and headers
        }
        var lines = new java.util.ArrayList<String>();
        String size;
        while ((size = in.readLine()) != null && Integer.parseInt(size.trim(), 16) > 0) {
            char[] chunk = new char[Integer.parseInt(size.trim(), 16)]; // NDJSON here is ASCII: one char per byte
            int read = 0;
            while (read < chunk.length) {
                read += in.read(chunk, read, chunk.length - read);
            }
            in.readLine(); // the CRLF after the chunk
            new String(chunk).lines().forEach(lines::add);
            if (lines.size() == 1) {
                opened.countDown();
            }
        }
        assertThat(size).as("the terminating chunk").isEqualTo("0");
        return lines;
    }

    @Test
    void closingTheServerEndsAStreamThePacerHolds() throws Exception {
        // 3 tokens ten seconds apart: the pacer holds the stream for longer than close() waits for request threads
        SimHarness sim = new SimHarness(SimOptions.builder().fixedPacing(Pacing.of(Duration.ZERO, 0.1)).build());
        try (Socket client = new Socket("127.0.0.1", sim.server.port())) {
            client.setSoTimeout(20_000);
            String body = ollama(3);
            client.getOutputStream().write(("POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            var in = client.getInputStream();
            byte[] buffer = new byte[65536];
            String seen = "";
            while (!seen.contains("\"done\":false")) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                seen += new String(buffer, 0, n, StandardCharsets.UTF_8);
            }
            long start = System.nanoTime();
            sim.close();
            // the parked request thread took its stream back from the pacer and ended: close did not
            // wait out its 5 s grace period for request threads
            assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
            int frames = 1;
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    frames += new String(buffer, 0, n, StandardCharsets.UTF_8).split("\"done\":false", -1).length - 1;
                }
            } catch (java.net.SocketException reset) {
                // the server closed the connection under the stream: also an end
            }
            assertThat(frames).as("the stream ended with the server, not after all its tokens").isLessThan(3);
        }
    }
}
