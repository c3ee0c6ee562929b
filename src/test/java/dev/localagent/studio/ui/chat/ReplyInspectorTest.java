package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.service.http.ExchangeRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reply inspector against a simulator that demands a key: what was sent, what came back, every frame, never the key. */
class ReplyInspectorTest {

    private static final String KEY = "sk-inspector-secret-4b1d";

    @TempDir
    Path dir;

    private Studio studio;
    private SimulatorHost keyed;

    @AfterEach
    void close() {
        if (studio != null) {
            studio.close();
        }
        if (keyed != null) {
            keyed.close();
        }
    }

    private ChatViewModel open() throws Exception {
        keyed = SimulatorHost.start(SimulatorOptions.builder().instant(true).apiKey(KEY).build());
        Files.writeString(dir.resolve("config.json"), "{\"providers\":["
                + "{\"id\":\"keyed-openai\",\"kind\":\"openai\",\"baseUrl\":\"" + keyed.baseUrl(ProviderKind.OPENAI) + "\"},"
                + "{\"id\":\"keyed-gemini\",\"kind\":\"gemini\",\"baseUrl\":\"" + keyed.baseUrl(ProviderKind.GEMINI) + "\"}]}");
        Path secrets = dir.resolve("secrets.json");
        Files.writeString(secrets, "{\"keyed-openai\":\"" + KEY + "\",\"keyed-gemini\":\"" + KEY + "\"}");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        return new ChatViewModel(studio, Runnable::run, Runnable::run, Duration.ZERO);
    }

    @Test
    void onlyTheLastFewRepliesKeepTheirRecordSoMemoryStaysBounded() throws Exception {
        ChatViewModel vm = open();
        vm.providerProperty().set("keyed-openai");
        java.util.List<ChatMessageItem> replies = new java.util.ArrayList<>();
        for (int i = 0; i <= ReplyStream.INSPECTED_REPLIES; i++) {
            vm.promptProperty().set("Question " + i + ": what does a pool keep?");
            vm.send();
            replies.add(vm.messages().getLast());
        }
        // Each record holds the request as sent, the whole conversation so far: kept by every reply,
        // the heap grew with every send for as long as the app ran.
        assertThat(replies.getFirst().recorder()).as("the oldest reply's record").isNull();
        assertThat(replies.subList(1, replies.size())).allSatisfy(r -> assertThat(r.recorder()).isNotNull());
        vm.inspector().inspect(replies.getFirst());
        assertThat(vm.inspector().textProperty().get()).startsWith("Nothing recorded for this reply")
                .contains("last " + ReplyStream.INSPECTED_REPLIES + " replies");
    }

    @Test
    void showsTheRequestAsSentTheResponseHeadersAndEveryFrameButNeverTheKey() throws Exception {
        ChatViewModel vm = open();
        for (String provider : new String[] {"keyed-openai", "keyed-gemini"}) {
            vm.newChat();
            vm.providerProperty().set(provider);
            vm.parameters().temperatureProperty().set("0.3");
            vm.promptProperty().set("Explain circuit breakers, please, in a few lines.");
            vm.send();
            ChatMessageItem reply = vm.messages().get(1);
            assertThat(reply.stateProperty().get()).as(reply.errorProperty().get()).isEqualTo(ChatMessageItem.State.DONE);

            vm.inspector().inspect(reply);

            String text = vm.inspector().textProperty().get();
            assertThat(vm.inspector().inspectedProperty().get()).isSameAs(reply);
            assertThat(text).contains("REQUEST\nPOST http://").contains("\"model\"").contains("0.3").contains("Explain circuit breakers")
                    .contains("HTTP 200").containsIgnoringCase("content-type: text/event-stream").contains("Outcome: complete");
            assertThat(text).contains(provider.equals("keyed-openai") ? "Authorization: ***" : "x-goog-api-key: ***");
            assertThat(text).doesNotContain(KEY).doesNotContain(KEY.substring(3, 15));

            ExchangeRecorder.Exchange exchange = reply.recorder().exchanges().getFirst();
            int logged = frameLines(text);
            assertThat(logged).isEqualTo(declaredFrames(text)).isEqualTo(exchange.frames().size());
            // The simulator's replies are a pure function of the request: sent again by hand, the same body gives the same frames.
            assertThat(logged).isEqualTo(framesOnTheWire(exchange, provider.equals("keyed-openai")));
        }
    }

    @Test
    void aReplyLoadedFromTheStoreSaysNothingWasRecorded() throws Exception {
        ChatViewModel vm = open();
        vm.providerProperty().set("keyed-openai");
        vm.promptProperty().set("Hello");
        vm.send();
        studio.close();
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        ChatViewModel reopened = new ChatViewModel(studio, Runnable::run, Runnable::run, Duration.ZERO);

        reopened.inspector().inspect(reopened.messages().get(1));

        assertThat(reopened.inspector().textProperty().get()).startsWith("Nothing recorded for this reply.");
        reopened.inspector().close();
        assertThat(reopened.inspector().inspectedProperty().get()).isNull();
    }

    private static int frameLines(String text) {
        return (int) text.lines().filter(l -> l.matches(" *[+-]\\d+\\.\\d ms +\\d+ B  .*")).count();
    }

    private static int declaredFrames(String text) {
        Matcher m = Pattern.compile("FRAMES \\((\\d+), \\d+ bytes\\)").matcher(text);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int framesOnTheWire(ExchangeRecorder.Exchange exchange, boolean bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(exchange.url()))
                .POST(HttpRequest.BodyPublishers.ofString(exchange.requestBody())).header("Content-Type", "application/json");
        request = bearer ? request.header("Authorization", "Bearer " + KEY) : request.header("x-goog-api-key", KEY);
        try (HttpClient client = HttpClient.newHttpClient()) {
            String body = client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body().replace("\r\n", "\n");
            return (int) Arrays.stream(body.split("\n\n")).filter(f -> !f.isBlank()).count();
        }
    }
}
