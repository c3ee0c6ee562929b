package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.config.StudioPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat view model without a window, against the in-process simulator. */
class ChatViewModelTest {

    @TempDir
    Path dir;

    private Studio studio;

    private ChatViewModel open(String config, java.util.concurrent.Executor background) throws Exception {
        Files.writeString(dir.resolve("config.json"), config);
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"0ms\",\"tps\":0}}");
        return new ChatViewModel(studio, background, Runnable::run, Duration.ZERO);
    }

    @AfterEach
    void close() {
        if (studio != null) {
            studio.close();
        }
    }

    @Test
    void sendingStreamsAReplyAndShowsItsFacts() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-ollama");
        vm.promptProperty().set("Explain keep-alive in two sentences.");

        vm.send();

        assertThat(vm.messages()).hasSize(2);
        ChatMessageItem question = vm.messages().get(0);
        ChatMessageItem reply = vm.messages().get(1);
        assertThat(question.role()).isEqualTo(Role.USER);
        assertThat(question.textProperty().get()).isEqualTo("Explain keep-alive in two sentences.");
        assertThat(reply.providerId()).isEqualTo("sim-ollama");
        assertThat(reply.stateProperty().get()).isEqualTo(ChatMessageItem.State.DONE);
        assertThat(reply.textProperty().get()).isNotBlank();
        assertThat(reply.facts()).anySatisfy(f -> assertThat(f).matches("in \\d+ · out \\d+ tokens"))
                .anySatisfy(f -> assertThat(f).startsWith("TTFT "))
                .anySatisfy(f -> assertThat(f).isEqualTo("$0"));
        assertThat(vm.promptProperty().get()).isEmpty();
        assertThat(vm.stateProperty().get()).isEqualTo(ChatViewModel.State.IDLE);
    }

    @Test
    void aSendPutsTheQuestionAndItsReplyOnScreenInOneChange() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-ollama");
        vm.promptProperty().set("First question.");
        vm.send();
        List<String> changes = new java.util.ArrayList<>();
        vm.messages().addListener((javafx.collections.ListChangeListener<ChatMessageItem>) change -> {
            while (change.next()) {
                changes.add(change.getAddedSubList().stream().map(m -> m.role().name()).toList() + " at " + change.getFrom());
            }
        });
        vm.promptProperty().set("Second question.");

        vm.send();

        // The conversation's list lays itself out at once on every change of its length: one change, one layout.
        assertThat(changes).containsExactly("[USER, ASSISTANT] at 2");
    }

    @Test
    void choosingAModelWithAnExactTokenizerLoadsItBeforeAnythingIsTyped() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-ollama");
        assertThat(studio.cacheAndCosts().tokenCounter().ready("gpt-4o-mini")).isFalse();

        vm.providerProperty().set("sim-openai");

        // Loading o200k_base takes a second and ~90 MB of garbage: not in the first keystroke or the send.
        assertThat(vm.modelProperty().get()).isEqualTo("gpt-4o-mini");
        assertThat(studio.cacheAndCosts().tokenCounter().ready("gpt-4o-mini")).isTrue();
    }

    @Test
    void whatWillBeSentIsCountedAndPricedAsYouType() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-openai");

        vm.promptProperty().set("Hello");
        String shortOne = vm.estimateProperty().get();
        vm.promptProperty().set("Hello, please explain connection pooling, keep-alive and DNS caching in detail.");
        String longer = vm.estimateProperty().get();

        assertThat(shortOne).matches("\\d+ tokens to send \\(o200k_base\\) · input \\$[0-9.]+ \\+ output");
        assertThat(count(longer)).isGreaterThan(count(shortOne));
        vm.providerProperty().set("sim-ollama");
        vm.promptProperty().set("Hello again");
        assertThat(vm.estimateProperty().get()).matches("≈ \\d+ tokens to send \\(estimated\\) · free");
        vm.promptProperty().set("   ");
        assertThat(vm.estimateProperty().get()).isEmpty();
    }

    private static int count(String estimate) {
        return Integer.parseInt(estimate.replace("≈ ", "").split(" ")[0]);
    }

    @Test
    void conversationsSurviveARestartOfTheApp() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-gemini");
        vm.promptProperty().set("What is keep-alive?");
        vm.send();
        String reply = vm.messages().get(1).textProperty().get();
        studio.close();

        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        ChatViewModel reopened = new ChatViewModel(studio, Runnable::run, Runnable::run, Duration.ZERO);

        assertThat(reopened.conversationList().conversations()).singleElement().satisfies(c -> assertThat(c.title()).isEqualTo("What is keep-alive?"));
        assertThat(reopened.currentProperty().get()).isNotNull();
        assertThat(reopened.messages()).extracting(m -> m.textProperty().get()).containsExactly("What is keep-alive?", reply);
        assertThat(reopened.messages().get(1).facts()).isNotEmpty();
        assertThat(reopened.providerProperty().get()).isEqualTo("sim-gemini");
    }

    @Test
    void searchFindsAConversationByItsMessages() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.promptProperty().set("Tell me about zebras");
        vm.send();
        vm.newChat();
        vm.promptProperty().set("And what about giraffes?");
        vm.send();
        assertThat(vm.conversationList().conversations()).hasSize(2);

        vm.conversationList().searchProperty().set("GIRAFFE");

        assertThat(vm.conversationList().conversations()).singleElement().satisfies(c -> assertThat(c.title()).isEqualTo("And what about giraffes?"));
        vm.conversationList().searchProperty().set("");
        assertThat(vm.conversationList().conversations()).hasSize(2);
    }

    @Test
    void aConversationCanBeRenamedAndPinnedToTheTop() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.promptProperty().set("First");
        vm.send();
        var first = vm.currentProperty().get();
        vm.newChat();
        vm.promptProperty().set("Second");
        vm.send();
        assertThat(vm.conversationList().conversations()).extracting(c -> c.title()).containsExactly("Second", "First");

        vm.conversationList().rename(first, "  Renamed first  ");
        vm.conversationList().pin(vm.conversationList().conversations().get(1), true);

        assertThat(vm.conversationList().conversations()).extracting(c -> c.title()).containsExactly("Renamed first", "Second");
        assertThat(vm.conversationList().conversations().getFirst().pinned()).isTrue();
        vm.conversationList().rename(vm.conversationList().conversations().getFirst(), "   ");
        assertThat(vm.conversationList().conversations().getFirst().title()).isEqualTo("Renamed first");
    }

    @Test
    void aConversationExportedAsJsonImportsBackAndOpens() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.promptProperty().set("Export me");
        vm.send();
        var original = vm.currentProperty().get();
        Path file = dir.resolve("exported.json");
        vm.conversationList().export(original, file, false);
        vm.conversationList().export(original, dir.resolve("exported.md"), true);
        assertThat(Files.readString(dir.resolve("exported.md"))).startsWith("# Export me");

        vm.conversationList().importFrom(file);

        assertThat(vm.conversationList().conversations()).hasSize(2);
        assertThat(vm.currentProperty().get().id()).isNotEqualTo(original.id());
        assertThat(vm.messages()).extracting(m -> m.textProperty().get())
                .containsExactlyElementsOf(studio.conversations().messages(original.id()).stream().map(m -> m.content()).toList());
        assertThat(vm.conversationList().archiveMessageProperty().get()).isEqualTo("Imported \"Export me\".");

        Files.writeString(dir.resolve("bad.json"), "{}");
        vm.conversationList().importFrom(dir.resolve("bad.json"));
        assertThat(vm.conversationList().archiveMessageProperty().get()).startsWith("Could not import bad.json: not a conversation file");
    }

    @Test
    void aDeletedConversationIsGoneFromTheListAndTheScreen() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.promptProperty().set("Short lived");
        vm.send();

        vm.conversationList().delete(vm.currentProperty().get());

        assertThat(vm.conversationList().conversations()).isEmpty();
        assertThat(vm.messages()).isEmpty();
        assertThat(studio.conversations().list()).isEmpty();
    }

    @Test
    void eachConversationKnowsWhatItHasCost() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-openai");
        vm.promptProperty().set("First question");
        vm.send();
        vm.promptProperty().set("Second question");
        vm.send();
        String id = vm.currentProperty().get().id();

        java.math.BigDecimal spent = studio.cacheAndCosts().ledger().spentOnConversation(id);

        assertThat(spent).isPositive();
        assertThat(vm.conversationCostProperty().get()).isEqualTo("This conversation: " + ReplyFacts.usd(spent));
        vm.newChat();
        assertThat(vm.conversationCostProperty().get()).isEmpty();
    }

    @Test
    void theConversationSoFarIsSentWithTheNextQuestion() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-openai");
        vm.promptProperty().set("First question");
        vm.send();
        vm.promptProperty().set("Second question");

        vm.send();

        assertThat(vm.messages()).hasSize(4);
        assertThat(studio.pipelines().pipeline("sim-openai").stats().succeeded()).isEqualTo(2);
        // The server counted the first exchange inside the second prompt: the history was sent.
        int firstIn = tokens(vm.messages().get(1), "in");
        int firstOut = tokens(vm.messages().get(1), "out");
        assertThat(tokens(vm.messages().get(3), "in")).isGreaterThan(firstIn + firstOut);
    }

    /** The server-reported count from a reply's first fact, {@code in 12 · out 40 tokens}. */
    private static int tokens(ChatMessageItem reply, String which) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("in (\\d+) · out (\\d+) tokens").matcher(reply.facts().getFirst());
        assertThat(m.matches()).as(reply.facts().getFirst()).isTrue();
        return Integer.parseInt(m.group(which.equals("in") ? 1 : 2));
    }

    @Test
    void aCachedAnswerIsMarkedWithWhatItSaved() throws Exception {
        ChatViewModel vm = open("{\"providers\":[{\"id\":\"sim-gemini\",\"cache\":{\"strategy\":\"aggressive\",\"ttlSeconds\":600}}]}", Runnable::run);
        vm.providerProperty().set("sim-gemini");
        vm.promptProperty().set("What is a token bucket?");
        vm.send();
        vm.newChat();
        vm.promptProperty().set("What is a token bucket?");

        vm.send();

        assertThat(vm.messages().get(1).facts()).anySatisfy(f -> assertThat(f).startsWith("CACHE HIT · saved "));
    }

    @Test
    void aFailureKeepsWhatArrivedAndSaysWhatWentWrongInOneSentence() throws Exception {
        ChatViewModel vm = open("{\"providers\":[{\"id\":\"sim-openai\",\"retry\":{\"maxAttempts\":1}}]}", Runnable::run);
        studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"0ms\",\"tps\":0,\"errorRate\":1,\"errorStatus\":[500],\"errorAfterTokens\":3}}");
        vm.providerProperty().set("sim-openai");
        vm.promptProperty().set("Tell me a story.");

        vm.send();

        ChatMessageItem reply = vm.messages().get(1);
        assertThat(reply.stateProperty().get()).isEqualTo(ChatMessageItem.State.FAILED);
        assertThat(reply.textProperty().get()).isNotBlank();
        assertThat(reply.errorProperty().get()).startsWith("sim-openai: ").endsWith("[ServerErrorException]").doesNotContain("\n");
    }

    @Test
    void aFailedReplyCanBeAskedAgainOfAnotherProvider() throws Exception {
        ChatViewModel vm = open("{\"providers\":[{\"id\":\"sim-openai\",\"retry\":{\"maxAttempts\":1}}]}", Runnable::run);
        studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"0ms\",\"tps\":0},\"personas\":{\"openai\":{\"errorRate\":1,\"errorStatus\":[503]}}}");
        vm.providerProperty().set("sim-openai");
        vm.promptProperty().set("Are you there?");
        vm.send();
        ChatMessageItem failed = vm.messages().get(1);
        assertThat(failed.remedyProperty().get()).isEqualTo(ChatMessageItem.Remedy.RETRY);

        vm.retry(failed, "sim-ollama");

        assertThat(vm.messages()).hasSize(4);
        assertThat(vm.messages().get(2).textProperty().get()).isEqualTo("Are you there?");
        assertThat(vm.messages().get(3).providerId()).isEqualTo("sim-ollama");
        assertThat(vm.messages().get(3).stateProperty().get()).isEqualTo(ChatMessageItem.State.DONE);
    }

    @Test
    void aRefusedKeyPointsToTheSettings() throws Exception {
        try (var locked = dev.localagent.studio.app.SimulatorHost.start(
                dev.localagent.studio.app.SimulatorOptions.builder().instant(true).apiKey("sk-the-right-one").build())) {
            ChatViewModel vm = open("{\"providers\":[{\"id\":\"locked\",\"kind\":\"openai\",\"baseUrl\":\""
                    + locked.baseUrl(dev.localagent.studio.model.ProviderKind.OPENAI) + "\"}]}", Runnable::run);
            boolean[] opened = new boolean[1];
            vm.onOpenSettings(() -> opened[0] = true);
            vm.providerProperty().set("locked");
            vm.promptProperty().set("Hello?");

            vm.send();

            ChatMessageItem reply = vm.messages().get(1);
            assertThat(reply.errorProperty().get()).endsWith("[AuthenticationException]");
            assertThat(reply.remedyProperty().get()).isEqualTo(ChatMessageItem.Remedy.SETTINGS);
            vm.openSettings();
            assertThat(opened[0]).isTrue();
        }
    }

    @Test
    void stopEndsTheReplyAndKeepsItsTextSoFar() throws Exception {
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        try {
            ChatViewModel vm = open("{}", background);
            studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"0ms\",\"tps\":20}}");
            vm.providerProperty().set("sim-perplexity");
            vm.promptProperty().set("Write a long essay about pools.");
            vm.send();
            ChatMessageItem reply = vm.messages().get(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reply.textProperty().get().length() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            vm.stop();

            while (vm.stateProperty().get() == ChatViewModel.State.SENDING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(reply.stateProperty().get()).isEqualTo(ChatMessageItem.State.STOPPED);
            assertThat(reply.textProperty().get()).hasSizeGreaterThanOrEqualTo(10);
            assertThat(reply.errorProperty().get()).isEqualTo("Stopped; the text so far is kept.");
            var stored = studio.conversations().messages(vm.currentProperty().get().id()).get(1);
            assertThat(stored.state()).isEqualTo(dev.localagent.studio.service.store.StoredMessage.State.STOPPED);
            assertThat(stored.content()).isEqualTo(reply.textProperty().get());
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void regenerateAddsABranchAndTheOldReplyStaysReachable() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-openai");
        vm.promptProperty().set("Name a colour.");
        vm.send();
        String first = vm.messages().get(1).textProperty().get();

        vm.providerProperty().set("sim-ollama");
        vm.regenerate(vm.messages().get(1));

        assertThat(vm.messages()).hasSize(2);
        ChatMessageItem second = vm.messages().get(1);
        assertThat(second.providerId()).isEqualTo("sim-ollama");
        assertThat(second.stateProperty().get()).isEqualTo(ChatMessageItem.State.DONE);
        assertThat(second.branchProperty().get()).isEqualTo(2);
        assertThat(second.branchesProperty().get()).isEqualTo(2);

        vm.showBranch(second, -1);

        assertThat(vm.messages()).hasSize(2);
        assertThat(vm.messages().get(1).textProperty().get()).isEqualTo(first);
        assertThat(vm.messages().get(1).providerId()).isEqualTo("sim-openai");
        assertThat(vm.messages().get(1).branchProperty().get()).isEqualTo(1);
        assertThat(vm.messages().get(1).branchesProperty().get()).isEqualTo(2);
        assertThat(studio.conversations().messages(vm.currentProperty().get().id())).hasSize(3);
    }

    @Test
    void anEditedQuestionIsSentAgainAndTheOriginalExchangeStaysABranch() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-gemini");
        vm.promptProperty().set("First question");
        vm.send();
        vm.promptProperty().set("Second question");
        vm.send();
        assertThat(vm.messages()).hasSize(4);

        vm.edit(vm.messages().get(2), "  Second question, reworded  ");

        assertThat(vm.messages()).extracting(m -> m.textProperty().get()).startsWith("First question")
                .contains("Second question, reworded").doesNotContain("Second question");
        assertThat(vm.messages()).hasSize(4);
        assertThat(vm.messages().get(2).branchProperty().get()).isEqualTo(2);
        assertThat(vm.messages().get(2).branchesProperty().get()).isEqualTo(2);
        assertThat(vm.messages().get(3).stateProperty().get()).isEqualTo(ChatMessageItem.State.DONE);
        vm.edit(vm.messages().get(2), "   "); // blank: nothing changes
        assertThat(vm.messages()).hasSize(4);

        vm.showBranch(vm.messages().get(2), -1);

        assertThat(vm.messages()).extracting(m -> m.textProperty().get()).contains("Second question").hasSize(4);
        // The branch shown is remembered: a restart of the app opens the same one.
        studio.close();
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        ChatViewModel reopened = new ChatViewModel(studio, Runnable::run, Runnable::run, Duration.ZERO);
        assertThat(reopened.messages()).extracting(m -> m.textProperty().get()).contains("Second question");
        assertThat(reopened.messages().get(2).branchesProperty().get()).isEqualTo(2);
    }

    @Test
    void parametersGoIntoTheRequestAndAnInvalidOneIsRefusedInOneSentence() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-openai");
        ChatParametersViewModel p = vm.parameters();

        p.temperatureProperty().set("2.5");
        assertThat(p.problemProperty().get()).isEqualTo("Temperature must be a number from 0 to 2 for OpenAI.");
        vm.promptProperty().set("Write a long essay about pools.");
        vm.send();
        assertThat(vm.messages()).isEmpty();
        assertThat(vm.promptProperty().get()).isEqualTo("Write a long essay about pools."); // nothing lost

        p.temperatureProperty().set("0");
        p.topPProperty().set("abc");
        assertThat(p.problemProperty().get()).isEqualTo("Top P must be a number from 0 to 1.");
        p.topPProperty().set("");
        p.maxOutputTokensProperty().set("0");
        assertThat(p.problemProperty().get()).isEqualTo("Max output tokens must be a whole number from 1 to 1000000.");
        p.maxOutputTokensProperty().set("5");
        p.seedProperty().set("42");
        assertThat(p.problemProperty().get()).isEmpty();

        vm.send();

        ChatMessageItem reply = vm.messages().get(1);
        assertThat(reply.stateProperty().get()).isEqualTo(ChatMessageItem.State.DONE);
        assertThat(tokens(reply, "out")).isLessThanOrEqualTo(5); // the simulator honours max_completion_tokens

        vm.providerProperty().set("sim-perplexity");
        assertThat(p.problemProperty().get()).isEqualTo("Perplexity takes no seed; leave Seed empty.");
        p.seedProperty().set(" ");
        assertThat(p.problemProperty().get()).isEmpty();
    }

    @Test
    void presetsFillTheParametersAndTheUsersOwnSurviveARestart() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        ChatParametersViewModel p = vm.parameters();
        assertThat(p.presets()).extracting(x -> x.name()).containsExactly("Precise", "Balanced", "Creative");

        p.apply(p.presets().get(0));
        assertThat(p.temperatureProperty().get()).isEqualTo("0.2");
        assertThat(p.topPProperty().get()).isEqualTo("1");
        assertThat(p.summary()).isEqualTo("temperature 0.2 · top_p 1");

        p.maxOutputTokensProperty().set("300");
        p.seedProperty().set("7");
        p.save("  Reproducible  ");
        p.save("balanced");
        assertThat(p.presetMessageProperty().get()).isEqualTo("\"balanced\" is a built-in preset; choose another name.");
        p.temperatureProperty().set("-1");
        p.save("Broken");
        assertThat(p.presetMessageProperty().get()).startsWith("Not saved: Temperature must be");
        studio.close();

        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        ChatParametersViewModel reopened = new ChatViewModel(studio, Runnable::run, Runnable::run, Duration.ZERO).parameters();
        assertThat(reopened.presets()).extracting(x -> x.name()).containsExactly("Precise", "Balanced", "Creative", "Reproducible");
        reopened.apply(reopened.presets().get(3));
        assertThat(reopened.summary()).isEqualTo("temperature 0.2 · top_p 1 · max 300 tokens · seed 7");
        reopened.delete(reopened.presets().get(3));
        reopened.delete(reopened.presets().get(0)); // built-in: stays
        assertThat(reopened.presets()).extracting(x -> x.name()).containsExactly("Precise", "Balanced", "Creative");
    }

    @Test
    void compareAsksTwoProvidersSideBySideEachWithItsFacts() throws Exception {
        ChatViewModel vm = open("{}", Runnable::run);
        vm.providerProperty().set("sim-openai");
        vm.compare().providerProperty().set("sim-gemini");
        vm.compare().onProperty().set(true);
        vm.promptProperty().set("Compare me.");

        vm.send();

        assertThat(vm.messages()).hasSize(2);
        ChatMessageItem left = vm.messages().get(1);
        ChatMessageItem right = left.companion();
        assertThat(right).isNotNull();
        assertThat(right.comparison()).isTrue();
        assertThat(left.providerId()).isEqualTo("sim-openai");
        assertThat(right.providerId()).isEqualTo("sim-gemini");
        for (ChatMessageItem reply : List.of(left, right)) {
            assertThat(reply.stateProperty().get()).isEqualTo(ChatMessageItem.State.DONE);
            assertThat(reply.facts()).anySatisfy(f -> assertThat(f).startsWith("TTFT "));
        }
        assertThat(vm.stateProperty().get()).isEqualTo(ChatViewModel.State.IDLE);
        // Both replies are stored as answers to the one question; the first is the branch on screen.
        String id = vm.currentProperty().get().id();
        assertThat(studio.conversations().messages(id)).hasSize(3);
        assertThat(studio.conversations().activeThread(id)).extracting(t -> t.message().providerId()).containsExactly(null, "sim-openai");

        vm.compare().onProperty().set(false);
        vm.promptProperty().set("And a follow-up.");
        vm.send();
        assertThat(vm.messages()).hasSize(4);
        assertThat(vm.messages().get(3).companion()).isNull();
        assertThat(studio.conversations().activeThread(id)).hasSize(4);
    }
}
