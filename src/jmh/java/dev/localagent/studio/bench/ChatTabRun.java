package dev.localagent.studio.bench;

import atlantafx.base.theme.PrimerLight;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.service.store.Conversation;
import dev.localagent.studio.service.store.ConversationStore;
import dev.localagent.studio.service.store.StoredMessage;
import dev.localagent.studio.testsupport.CssMarks;
import dev.localagent.studio.testsupport.ReplyCorpus;
import dev.localagent.studio.ui.chat.ChatView;
import dev.localagent.studio.ui.chat.ChatViewModel;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import dev.localagent.studio.ui.chat.ChatMessageItem;
import javafx.stage.Stage;

/**
 * The chat tab's two performance goals (issue 7), measured in the real view on the headless
 * platform:
 *
 * <ol>
 *   <li>Streaming a 2,000-token reply at 200 tokens/s into a conversation already holding 200
 *       messages: the gaps between frames (an {@link AnimationTimer} asks for one every pulse, so a
 *       gap longer than ~17 ms is the FX thread busy) against the same window's idle gaps, and the
 *       heap before and after.
 *   <li>Opening a conversation of 1,000 messages: from the click to the end of the first layout
 *       pulse that holds all of them (the frame that is painted next), against 100 messages.
 * </ol>
 *
 * The reply comes from a small paced SSE server in this process speaking OpenAI's stream format
 * (the simulator's replies stop at 300 tokens), through the real provider, pipeline, batcher and
 * view.
 *
 * <pre>./mvnw -B -q -o test-compile exec:exec -Dbench.main=dev.localagent.studio.bench.ChatTabRun -Dbench.args=3</pre>
 */
public final class ChatTabRun {

    /** 2,000 for the goal; {@code -Dchat.tokens=N} streams fewer, e.g. many short replies to profile the start of a stream. */
    private static final int TOKENS = Integer.getInteger("chat.tokens", 2_000);
    private static final int TOKENS_PER_SECOND = 200;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Files.createTempDirectory("chat-bench");
        List<String> tokens = tokens(new Random(7));
        HttpServer server = pacedServer(tokens);
        Files.writeString(dir.resolve("config.json"), "{\"providers\":[{\"id\":\"bench-openai\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:"
                + server.getAddress().getPort() + "/v1\",\"defaultModel\":\"gpt-4o-mini\"}]}");
        Studio studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        ConversationStore store = studio.conversations();
        Conversation small = filled(store, "One hundred", 100);
        Conversation large = filled(store, "One thousand", 1_000);
        Conversation streamInto = filled(store, "Two hundred", 200);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        ChatViewModel[] vm = new ChatViewModel[1];
        Scene[] scene = new Scene[1];
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            vm[0] = new ChatViewModel(studio, studio.background(), Platform::runLater,
                    Duration.ofMillis(Long.getLong("bench.batchMs", ChatViewModel.STREAM_BATCH_INTERVAL.toMillis())));
            scene[0] = new Scene(new ChatView(vm[0]), 1280, 800);
            if (System.getProperty("bench.css") != null) {
                scene[0].getStylesheets().add(Path.of(System.getProperty("bench.css")).toUri().toString());
            }
            Stage stage = new Stage();
            stage.setScene(scene[0]);
            stage.show();
        });
        System.out.printf(Locale.ROOT, "load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());

        // 1. Opening: 100 messages, then 1,000 (once: it is the slow one).
        List<Long> openSmall = new ArrayList<>();
        for (int round = -1; round < rounds; round++) {
            long s = open(vm[0], scene[0], small, 100, 120);
            if (round >= 0) {
                openSmall.add(s);
            }
        }
        System.out.printf(Locale.ROOT, "open to first painted frame, 100 messages: median %d ms %s; pulses in the next 3 s: %d%n",
                median(openSmall), openSmall, pulses(scene[0], Duration.ofSeconds(3)));
        if (args.length < 2 || !args[1].equals("skip-large")) {
            try {
                long l = open(vm[0], scene[0], large, 1_000, 300);
                System.out.printf(Locale.ROOT, "open to first painted frame, 1,000 messages: %d ms (%.1f x 100 messages); pulses in the next 3 s: %d%n",
                        l, (double) l / median(openSmall), pulses(scene[0], Duration.ofSeconds(3)));
            } catch (java.util.concurrent.TimeoutException e) {
                System.out.printf(Locale.ROOT, "open, 1,000 messages: no frame with all of them within 300 s; pulses in 3 s: %d%n",
                        pulses(scene[0], Duration.ofSeconds(3)));
            }
        }

        // 2. Streaming into 200 messages.
        open(vm[0], scene[0], streamInto, 200, 300);
        System.out.printf(Locale.ROOT, "200 messages open; pulses in 3 s: %d%n", pulses(scene[0], Duration.ofSeconds(3)));
        if (Integer.getInteger("bench.paint", 0) > 0) {
            paintTimes(scene[0], Integer.getInteger("bench.paint"));
            Platform.exit();
            studio.close();
            server.stop(0);
            System.exit(0);
        }
        // Idle pulses: a focused text input runs its caret-blink animation, and any running animation
        // keeps JavaFX pulsing every frame. Count again with focus on the (not focus-traversable) root.
        String[] focused = new String[1];
        onFx(() -> {
            var owner = scene[0].getFocusOwner();
            focused[0] = owner == null ? "nothing" : owner.getClass().getSimpleName() + (owner.getId() == null ? "" : " #" + owner.getId());
            scene[0].getRoot().requestFocus();
        });
        System.out.printf(Locale.ROOT, "  focus was on %s; pulses in 3 s with the focus moved to the root: %d%n", focused[0],
                pulses(scene[0], Duration.ofSeconds(3)));
        // CPU time of the two threads that make a frame: on a shared, loaded machine the frame gaps
        // also measure how long these threads waited for a core; their CPU time does not.
        long[] fxThread = new long[1];
        onFx(() -> fxThread[0] = Thread.currentThread().threadId());
        long rendererThread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                .mapToLong(Thread::threadId).findFirst().orElse(-1);
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long heapBefore = heapAfterGc();
            FrameGaps idle = FrameGaps.record(Duration.ofSeconds(3));
            FrameGaps streaming = FrameGaps.startRecording();
            long fxCpu = threads.getThreadCpuTime(fxThread[0]);
            long renderCpu = threads.getThreadCpuTime(rendererThread);
            long sent = System.nanoTime();
            long[] fxCpuFirstSecond = new long[1];
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(1_000);
                    fxCpuFirstSecond[0] = threads.getThreadCpuTime(fxThread[0]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CssLeft cssLeft = CssLeft.start(scene[0]);
            System.out.printf(Locale.ROOT, "round %d: sent at %s%n", round + 1, java.time.LocalTime.now());
            onFx(() -> {
                vm[0].promptProperty().set("Write at length about connection pools, round " + System.nanoTime());
                vm[0].send();
            });
            if (System.getProperty("bench.shot") != null && round == 0) {
                Thread.sleep(Long.getLong("bench.shotAt", 3_000));
                CompletableFuture<javafx.scene.image.WritableImage> shot = new CompletableFuture<>();
                onFx(() -> shot.complete(scene[0].snapshot(null)));
                writePng(shot.get(), Path.of(System.getProperty("bench.shot")));
            }
            waitFor(Duration.ofSeconds(60), () -> vm[0].stateProperty().get() == ChatViewModel.State.IDLE);
            streaming.stop();
            cssLeft.stop();
            double seconds = (System.nanoTime() - sent) / 1e9;
            long fxCpuStart = fxCpuFirstSecond[0] - fxCpu;
            fxCpu = threads.getThreadCpuTime(fxThread[0]) - fxCpu;
            renderCpu = threads.getThreadCpuTime(rendererThread) - renderCpu;
            int chars = vm[0].messages().getLast().textProperty().get().length();
            long heapAfter = heapAfterGc();
            System.out.printf(Locale.ROOT, "round %d: stream %.1f s, %d chars, %d messages on screen%n", round + 1, seconds, chars,
                    vm[0].messages().size());
            System.out.printf(Locale.ROOT, "  idle frames:      %s%n", idle);
            System.out.printf(Locale.ROOT, "  streaming frames: %s%n", streaming);
            System.out.printf(Locale.ROOT, "  longest gaps (s into the stream: ms): %s%n", streaming.longest(12));
            System.out.printf(Locale.ROOT, "  CPU while streaming: FX thread %d ms (%.0f %% of the stream; %d ms in its first second), renderer %d ms (%.0f %%, %.2f ms per frame)%n",
                    fxCpu / 1_000_000, fxCpu / 1e7 / seconds, fxCpuStart / 1_000_000, renderCpu / 1_000_000, renderCpu / 1e7 / seconds,
                    renderCpu / 1e6 / Math.max(1, streaming.frames()));
            System.out.printf(Locale.ROOT, "  %s%n", cssLeft);
            System.out.printf(Locale.ROOT, "  heap after GC: %.1f MB before, %.1f MB after%n", heapBefore / 1e6, heapAfter / 1e6);
        }
        System.out.printf(Locale.ROOT, "load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        Platform.exit();
        studio.close();
        server.stop(0);
        System.exit(0);
    }

    /** Renders the conversation list to an image n times (the software pipeline, as the window) and prints the median. */
    private static void paintTimes(Scene scene, int n) throws Exception {
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            onFx(() -> {
                javafx.scene.Node list = scene.lookup(".conversation");
                long t = System.nanoTime();
                list.snapshot(null, null);
                times[k] = System.nanoTime() - t;
            });
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "PAINT conversation snapshot: median %.2f ms, p10 %.2f ms over %d%n", times[n / 2] / 1e6, times[n / 10] / 1e6, n);
    }

    /** The window mid-stream as a PNG, to look at what streaming shows (scroll bar, disabled tools). */
    private static void writePng(javafx.scene.image.WritableImage image, Path file) throws Exception {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }

    /** Layout pulses in a window: about zero when nothing on screen changes. */
    private static int pulses(Scene scene, Duration window) throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        Runnable count = n::incrementAndGet;
        onFx(() -> scene.addPostLayoutPulseListener(count));
        Thread.sleep(window.toMillis());
        onFx(() -> scene.removePostLayoutPulseListener(count));
        return n.get();
    }

    /** Opens a conversation from the list and returns ms until the first layout pulse that holds all its messages. */
    private static long open(ChatViewModel vm, Scene scene, Conversation c, int count, int limitSeconds) throws Exception {
        onFx(vm::newChat);
        Thread.sleep(300);
        CompletableFuture<Long> painted = new CompletableFuture<>();
        long[] start = new long[1];
        Runnable check = () -> {
            // The list is virtualised: "holding the conversation" is its rows all known and the ones in view laid out as bubbles.
            @SuppressWarnings("unchecked")
            ListView<ChatMessageItem> conversation = (ListView<ChatMessageItem>) scene.lookup(".conversation");
            boolean shown = conversation != null && conversation.getItems().size() == count && conversation.lookup(".message") != null;
            if (System.getProperty("bench.debug") != null) {
                System.out.println("pulse: " + (conversation == null ? "no conversation node" : conversation.getItems().size()) + " messages " + vm.messages().size());
            }
            if (!painted.isDone() && shown) {
                painted.complete(System.nanoTime());
            }
        };
        onFx(() -> {
            scene.addPostLayoutPulseListener(check);
            start[0] = System.nanoTime();
            vm.conversationList().open(c);
        });
        try {
            long end = painted.get(limitSeconds, TimeUnit.SECONDS);
            return TimeUnit.NANOSECONDS.toMillis(end - start[0]);
        } finally {
            onFx(() -> scene.removePostLayoutPulseListener(check));
        }
    }

    /**
     * Layout pulses, and those after whose layout the scene's root still needs CSS. For each of
     * those {@code Scene} runs one more pulse with no dirty region, which the renderer paints as the
     * whole window; the count is of those repaints. Listens last among the scene's post-layout
     * listeners (added after the view's), so it sees what the pulse will paint.
     */
    private static final class CssLeft {
        private final Scene scene;
        private final long start = System.nanoTime();
        private final Runnable listener = this::afterLayout;
        private int pulses;
        private int left;
        private int firstSecondPulses;
        private int firstSecondLeft;

        private CssLeft(Scene scene) {
            this.scene = scene;
        }

        static CssLeft start(Scene scene) throws Exception {
            CssLeft c = new CssLeft(scene);
            onFx(() -> scene.addPostLayoutPulseListener(c.listener));
            return c;
        }

        void stop() throws Exception {
            onFx(() -> scene.removePostLayoutPulseListener(listener));
        }

        private void afterLayout() {
            boolean pending = CssMarks.pending(scene.getRoot());
            boolean firstSecond = System.nanoTime() - start < 1_000_000_000L;
            pulses++;
            left += pending ? 1 : 0;
            firstSecondPulses += firstSecond ? 1 : 0;
            firstSecondLeft += firstSecond && pending ? 1 : 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "pulses with CSS left after layout (each one more whole-window repaint): %d of %d; in the first second %d of %d",
                    left, pulses, firstSecondLeft, firstSecondPulses);
        }
    }

    /** Gaps between the frames of an animation timer, on the FX thread. */
    private static final class FrameGaps {
        private final List<Long> gaps = new ArrayList<>();
        /** When each gap ended, for telling a slow start from slow frames all along. */
        private final List<Long> ends = new ArrayList<>();
        private final AnimationTimer timer;

        private FrameGaps() {
            AtomicLong last = new AtomicLong();
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    long previous = last.getAndSet(t);
                    if (previous != 0) {
                        gaps.add(t - previous);
                        ends.add(t);
                    }
                }
            };
        }

        static FrameGaps startRecording() throws Exception {
            FrameGaps g = new FrameGaps();
            onFx(g.timer::start);
            return g;
        }

        static FrameGaps record(Duration length) throws Exception {
            FrameGaps g = startRecording();
            Thread.sleep(length.toMillis());
            g.stop();
            return g;
        }

        void stop() throws Exception {
            onFx(timer::stop);
        }

        int frames() {
            return gaps.size();
        }

        /** The gaps over 20 ms, as "seconds into the recording: gap ms", longest first. */
        String longest(int count) {
            if (ends.isEmpty()) {
                return "";
            }
            long start = ends.getFirst() - gaps.getFirst();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < gaps.size(); i++) {
                if (gaps.get(i) > 20_000_000L) {
                    order.add(i);
                }
            }
            order.sort((a, b) -> Long.compare(gaps.get(b), gaps.get(a)));
            StringBuilder b = new StringBuilder();
            for (int i : order.subList(0, Math.min(count, order.size()))) {
                b.append(String.format(Locale.ROOT, " %.2fs:%.0f", (ends.get(i) - start) / 1e9, gaps.get(i) / 1e6));
            }
            return b.toString().strip();
        }

        @Override
        public String toString() {
            long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return "no frames";
            }
            long over20 = Arrays.stream(sorted).filter(g -> g > 20_000_000L).count();
            return String.format(Locale.ROOT, "%d frames, gap p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d over 20 ms", sorted.length,
                    at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6, over20);
        }

        private static long at(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    private static Conversation filled(ConversationStore store, String title, int messages) throws Exception {
        Conversation c = store.create(title, "bench-openai", "gpt-4o-mini");
        List<String> replies = ReplyCorpus.replies(messages, messages / 2, 1_500);
        for (int i = 0; i < messages / 2; i++) {
            store.append(c.id(), Role.USER, null, null, "Question " + (i + 1) + ": tell me more about pools.", StoredMessage.State.DONE);
            StoredMessage reply = store.append(c.id(), Role.ASSISTANT, "bench-openai", "gpt-4o-mini", "", StoredMessage.State.DONE);
            store.update(reply.id(), replies.get(i), StoredMessage.State.DONE, null, List.of("in 100 · out 330 tokens", "TTFT 120 ms"));
        }
        return c;
    }

    /** 2,000 pieces of a long markdown reply, a word (with the space before it) each, about the size of a token. */
    private static List<String> tokens(Random random) {
        String text = ReplyCorpus.reply(random, 14_000);
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length() && pieces.size() < TOKENS; i++) {
            if (i == text.length() || Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        if (pieces.size() < TOKENS) {
            throw new IllegalStateException("the corpus reply gave only " + pieces.size() + " pieces");
        }
        return pieces;
    }

    /** OpenAI's chat-completions stream, one content chunk per token, paced to the schedule (late frames catch up). */
    private static HttpServer pacedServer(List<String> tokens) throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                long start = System.nanoTime();
                for (int i = 0; i < tokens.size(); i++) {
                    long due = start + i * 1_000_000_000L / TOKENS_PER_SECOND;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                    out.write(("data: {\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":"
                            + "[{\"index\":0,\"delta\":{\"content\":" + json.writeValueAsString(tokens.get(i)) + "},\"finish_reason\":null}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write(("data: {\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":"
                        + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: {\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":" + tokens.size() + ",\"total_tokens\":" + (1000 + tokens.size())
                        + "}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void onFx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(Duration limit, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Thread.sleep(200);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(20);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
