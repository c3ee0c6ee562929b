package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.app.WindowState;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.ui.shell.StudioApp;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The chat tab in the real window, headless, against the in-process simulator. */
class ChatViewTest {

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private Studio studio;
    private StudioApp app;

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (studio != null) {
            studio.close();
        }
    }

    @Test
    void typingAQuestionAndPressingEnterStreamsAReplyWithItsFacts() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"50ms\",\"tps\":200}}");
        FxToolkit.registerPrimaryStage();
        app = (StudioApp) FxToolkit.setupApplication(() -> new StudioApp(studio, WindowState.DEFAULT));
        WaitForAsyncUtils.waitForFxEvents();

        // The headless robot presses keys but does not type text: put the text in, then press Enter for real.
        javafx.scene.control.TextArea prompt = robot.lookup("#chat-prompt").queryAs(javafx.scene.control.TextArea.class);
        robot.clickOn(prompt);
        robot.interact(() -> prompt.setText("What is a circuit breaker?"));
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> shown(".message.from-model .facts .fact"));
        WaitForAsyncUtils.waitForFxEvents(); // the facts appear inside the FX task that also ends the send; let it finish
        VBox reply = robot.lookup(".message.from-model").queryAs(VBox.class);
        // A reply is shown as markdown only: its words are the Text nodes of the rendered blocks.
        String[] shown = new String[1];
        Node[] plain = new Node[1];
        robot.interact(() -> {
            shown[0] = reply.lookupAll(".markdown .md-text").stream().map(n -> ((javafx.scene.text.Text) n).getText())
                    .collect(java.util.stream.Collectors.joining());
            plain[0] = reply.lookup(".message-text");
        });
        assertThat(shown[0]).isNotBlank();
        assertThat(plain[0]).as("no hidden plain-text copy of a reply").isNull();
        assertThat(robot.lookup(".message.from-user .message-text").queryAs(Label.class).getText()).isEqualTo("What is a circuit breaker?");
        assertThat(robot.lookup(".message.from-model .fact").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(f -> assertThat(f).startsWith("TTFT "));
        assertThat(robot.lookup("#chat-prompt").queryAs(javafx.scene.control.TextArea.class).getText()).isEmpty();
        Node stop = robot.lookup("#chat-stop").query();
        assertThat(stop.isDisabled()).isTrue();
    }

    @Test
    void aReplyCanBeCopiedRegeneratedAndItsBranchesSwitchedAndAQuestionEdited() throws Exception {
        javafx.scene.control.TextArea prompt = openWithInstantReplies();
        robot.interact(() -> prompt.setText("Name a colour."));
        robot.clickOn("#chat-send");
        waitUntilIdle();

        String[] clipboard = new String[1];
        fire(".message.from-model .message-copy");
        robot.interact(() -> clipboard[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        String firstReply = studio.conversations().messages(studio.conversations().list().getFirst().id()).get(1).content();
        assertThat(firstReply).as(studio.conversations().messages(studio.conversations().list().getFirst().id()).toString()).isNotBlank();
        assertThat(clipboard[0]).isEqualTo(firstReply);

        Node inspector = robot.lookup("#chat-inspector").query();
        assertThat(inspector.isVisible()).isFalse();
        fire(".message.from-model .message-inspect");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#chat-inspector-text")
                .queryAs(javafx.scene.control.TextArea.class).getText().contains("\"model\""));
        assertThat(inspector.isVisible()).isTrue();
        assertThat(robot.lookup("#chat-inspector-text").queryAs(javafx.scene.control.TextArea.class).getText())
                .contains("HTTP 200").contains("FRAMES (");
        fire("#chat-inspector-close");
        assertThat(inspector.isVisible()).isFalse();

        fire(".message.from-model .message-regenerate");
        waitUntilIdle();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".message.from-model .branch-position").tryQuery()
                .map(n -> ((Label) n).getText().equals("2/2") && n.isVisible()).orElse(false));
        fire(".message.from-model .branch-previous");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".message.from-model .branch-position").tryQuery()
                .map(n -> ((Label) n).getText().equals("1/2")).orElse(false));
        fire(".message.from-model .message-copy");
        robot.interact(() -> clipboard[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertThat(clipboard[0]).isEqualTo(firstReply);

        fire(".message.from-user .message-edit");
        javafx.scene.control.TextArea editor = robot.lookup(".message.from-user .message-editor").queryAs(javafx.scene.control.TextArea.class);
        assertThat(editor.getText()).isEqualTo("Name a colour.");
        robot.interact(() -> editor.setText("Name two colours."));
        fire(".message.from-user .message-edit-send");
        waitUntilIdle();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".message.from-user .message-text").queryAs(Label.class)
                .getText().equals("Name two colours."));
        assertThat(robot.lookup(".message.from-user .branch-position").queryAs(Label.class).getText()).isEqualTo("2/2");
        assertThat(robot.lookup(".message.from-model").queryAll()).hasSize(1);
    }

    @Test
    void inANarrowWindowTheChatStaysInsideItWithItsPickersAndButtonsReadable() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        FxToolkit.registerPrimaryStage();
        app = (StudioApp) FxToolkit.setupApplication(() -> new StudioApp(studio, WindowState.DEFAULT));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Button send = robot.lookup("#chat-send").queryAs(javafx.scene.control.Button.class);
        robot.interact(() -> send.getScene().getWindow().setWidth(760));
        WaitForAsyncUtils.waitForFxEvents();

        WaitForAsyncUtils.asyncFx(() -> {
            double sceneWidth = send.getScene().getWidth();
            // The toolbar's minimum width used to make the whole chat wider than the window: Send was cut off.
            assertThat(send.localToScene(send.getBoundsInLocal()).getMaxX()).as("Send's right edge").isLessThanOrEqualTo(sceneWidth);
            assertThat(send.getWidth()).as("Send's width, its word whole").isGreaterThanOrEqualTo(send.prefWidth(-1) - 0.5);
            javafx.scene.Node newChat = robot.lookup("#chat-new").query();
            assertThat(newChat.localToScene(newChat.getBoundsInLocal()).getMaxX()).isLessThanOrEqualTo(sceneWidth);
            for (String picker : new String[] {"#chat-provider", "#chat-model"}) {
                assertThat(((javafx.scene.layout.Region) robot.lookup(picker).query()).getWidth()).as(picker).isGreaterThanOrEqualTo(100);
            }
            // The system prompt had no room left in one row (gone at this width): it takes a row of its own.
            javafx.scene.layout.Region system = (javafx.scene.layout.Region) robot.lookup("#chat-system").query();
            assertThat(system.getWidth()).as("the system prompt field's width").isGreaterThanOrEqualTo(200);
            assertThat(system.localToScene(system.getBoundsInLocal()).getMaxX()).isLessThanOrEqualTo(sceneWidth);
            return null;
        }).get(5, TimeUnit.SECONDS);

        // Wide again, one row again.
        robot.interact(() -> send.getScene().getWindow().setWidth(1280));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            assertThat(robot.lookup("#chat-toolbar-second-row").query().isVisible()).isFalse();
            assertThat(robot.lookup("#chat-system").query().getParent()).isSameAs(robot.lookup("#chat-new").query().getParent());
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void whileAReplyStreamsTheHistoryIsVeiledAndIgnoresClicksWithoutDisablingItsRows() throws Exception {
        javafx.scene.control.TextArea prompt = openWithInstantReplies();
        robot.interact(() -> prompt.setText("The first conversation."));
        robot.clickOn("#chat-send");
        waitUntilIdle();
        fire("#chat-new");
        studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"0ms\",\"tps\":4}}");
        robot.interact(() -> prompt.setText("The second conversation, slowly."));
        robot.clickOn("#chat-send");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#chat-stop").query().isDisabled());

        javafx.scene.control.ListView<?> history = robot.lookup("#chat-history").queryAs(javafx.scene.control.ListView.class);
        // The conversation streaming joins the history when its reply ends; the first one is there.
        // Disabled, every node of every row would take :disabled, and a pseudo-class change restyles the subtree.
        javafx.css.PseudoClass disabled = javafx.css.PseudoClass.getPseudoClass("disabled");
        WaitForAsyncUtils.asyncFx(() -> {
            assertThat(history.isDisabled()).isFalse();
            assertThat(history.lookupAll(".list-cell")).allSatisfy(row -> assertThat(row.getPseudoClassStates()).doesNotContain(disabled));
            assertThat(robot.lookup("#chat-history-veil").query().isVisible()).as("the veil over the history").isTrue();
            assertThat(history.getOpacity()).as("a list below full opacity is painted offscreen").isEqualTo(1);
            return null;
        }).get(5, TimeUnit.SECONDS);
        robot.clickOn(historyRow("first"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".message.from-user .message-text").queryAllAs(Label.class)).extracting(Label::getText)
                .as("the conversation streaming stays on screen").containsExactly("The second conversation, slowly.");

        fire("#chat-stop");
        waitUntilIdle();
        assertThat(robot.lookup("#chat-history-veil").query().isVisible()).isFalse();
        // The history was refreshed as the reply ended (the second conversation joined it): find the row again.
        robot.clickOn(historyRow("first"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".message.from-user .message-text").queryAllAs(Label.class)
                .stream().map(Label::getText).toList().equals(java.util.List.of("The first conversation.")));
    }

    @Test
    void theParametersPanelRefusesAnInvalidValueAndAPresetFillsItIn() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        FxToolkit.registerPrimaryStage();
        app = (StudioApp) FxToolkit.setupApplication(() -> new StudioApp(studio, WindowState.DEFAULT));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TitledPane panel = robot.lookup("#chat-parameters").queryAs(javafx.scene.control.TitledPane.class);
        assertThat(panel.isExpanded()).isFalse();
        robot.interact(() -> panel.setExpanded(true));
        javafx.scene.control.TextArea prompt = robot.lookup("#chat-prompt").queryAs(javafx.scene.control.TextArea.class);
        robot.interact(() -> prompt.setText("Hello"));

        javafx.scene.control.TextField temperature = robot.lookup("#chat-temperature").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> temperature.setText("3"));

        Label problem = robot.lookup("#chat-parameters-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).startsWith("Temperature must be a number from 0 to 2");
        assertThat(robot.lookup("#chat-send").query().isDisabled()).isTrue();

        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<dev.localagent.studio.service.store.SamplingPreset> preset =
                robot.lookup("#chat-preset").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> preset.getSelectionModel().select(2));

        assertThat(temperature.getText()).isEqualTo("1.2");
        assertThat(problem.isVisible()).isFalse();
        assertThat(robot.lookup("#chat-send").query().isDisabled()).isFalse();
        assertThat(panel.getText()).isEqualTo("Parameters: temperature 1.2 · top_p 1");
    }

    @Test
    void aStreamingReplyRendersMarkdownAndIsFollowedUntilTheUserScrollsUp() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"0ms\",\"tps\":150}}");
        FxToolkit.registerPrimaryStage();
        app = (StudioApp) FxToolkit.setupApplication(() -> new StudioApp(studio, WindowState.DEFAULT));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TextArea prompt = robot.lookup("#chat-prompt").queryAs(javafx.scene.control.TextArea.class);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<ChatMessageItem> list = robot.lookup("#chat-messages").queryAs(javafx.scene.control.ListView.class);
        javafx.scene.control.skin.VirtualFlow<?> flow = (javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow");

        robot.interact(() -> prompt.setText("Explain connection pools in detail."));
        robot.clickOn("#chat-send");
        // While it streams, the reply is already markdown: bold spans and list rows appear before the end.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> streamingShows(".markdown .md-bold"));
        assertThat(WaitForAsyncUtils.asyncFx(() -> streaming(list)).get(5, TimeUnit.SECONDS)).isNotEmpty();
        waitUntilIdle();
        assertThat(atBottom(list, flow)).as("followed to the end").isTrue();

        studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"0ms\",\"tps\":4}}");
        // A short window, so the conversation overflows it early in the second reply.
        robot.interact(() -> list.getScene().getWindow().setHeight(420));
        robot.interact(() -> prompt.setText("And now about keep-alive, at length."));
        robot.clickOn("#chat-send");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> streamingShows(".markdown .md-text"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.moveTo(list);
        for (int tries = 0; tries < 5 && atBottom(list, flow); tries++) {
            robot.scroll(5, javafx.geometry.VerticalDirection.UP); // a busy machine may drop a wheel event; a user would turn it again
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(atBottom(list, flow)).isFalse();
        javafx.scene.control.IndexedCell<?> reading = flow.getFirstVisibleCell();
        int readingRow = reading.getIndex();
        double readingAt = reading.getLayoutY();
        double heightThen = list.getItems().getLast().textProperty().get().length();
        // The streaming row may be out of view now, and a virtualised list has no node for it: ask its item.
        assertThat(list.getItems().getLast().stateProperty().get()).as("still streaming after the scroll").isEqualTo(ChatMessageItem.State.STREAMING);

        // The reply keeps growing below; the view stays on the text the user is reading.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> list.getItems().getLast().textProperty().get().length() > heightThen + 200);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(atBottom(list, flow)).isFalse();
        // Within two lines of where the user was: not dragged down with the stream (following would jump to the bottom).
        assertThat(flow.getFirstVisibleCell().getIndex()).isEqualTo(readingRow);
        assertThat(flow.getFirstVisibleCell().getLayoutY()).isCloseTo(readingAt, org.assertj.core.data.Offset.offset(30.0));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntilIdle();
    }

    @Test
    void compareModeStreamsTwoRepliesSideBySide() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"0ms\",\"tps\":400}}");
        FxToolkit.registerPrimaryStage();
        app = (StudioApp) FxToolkit.setupApplication(() -> new StudioApp(studio, WindowState.DEFAULT));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#chat-compare-provider").query().getParent().isVisible()).isFalse();
        robot.clickOn("#chat-compare");
        assertThat(robot.lookup("#chat-compare-provider").query().getParent().isVisible()).isTrue();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> other = robot.lookup("#chat-compare-provider").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> other.setValue("sim-perplexity"));
        javafx.scene.control.TextArea prompt = robot.lookup("#chat-prompt").queryAs(javafx.scene.control.TextArea.class);
        robot.interact(() -> prompt.setText("Which is better?"));
        robot.clickOn("#chat-send");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> streaming(robot.lookup(".compare-pair").query()).size() == 2)
                .get(5, TimeUnit.SECONDS) || shown(".compare-pair .message.from-model .fact"));
        waitUntilIdle();

        javafx.scene.layout.HBox pair = robot.lookup(".compare-pair").queryAs(javafx.scene.layout.HBox.class);
        assertThat(pair.getChildren()).hasSize(2);
        for (Node half : pair.getChildren()) {
            assertThat(half.lookupAll(".fact")).extracting(n -> ((Label) n).getText()).anySatisfy(f -> assertThat(f).startsWith("TTFT "));
        }
        assertThat(((Label) pair.getChildren().get(1).lookup(".author")).getText()).isEqualTo("sim-perplexity");
        assertThat(pair.getChildren().get(0).getBoundsInParent().getMaxX()).isLessThanOrEqualTo(pair.getChildren().get(1).getBoundsInParent().getMinX());
    }

    /** Presses a button the way a click does; long replies put some buttons below the fold of the headless window. */
    /** The app on a fresh data folder, its simulator answering at once; returns the prompt field. */
    private javafx.scene.control.TextArea openWithInstantReplies() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        studio.simulator().applyFaults("{\"faults\":{\"ttft\":\"0ms\",\"tps\":0}}");
        FxToolkit.registerPrimaryStage();
        app = (StudioApp) FxToolkit.setupApplication(() -> new StudioApp(studio, WindowState.DEFAULT));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#chat-prompt").queryAs(javafx.scene.control.TextArea.class);
    }

    /** The history's row whose title contains the words. */
    private Node historyRow(String words) {
        return robot.lookup("#chat-history .list-cell").match((Node n) -> n instanceof javafx.scene.control.ListCell<?> c
                && c.getText() != null && c.getText().contains(words)).query();
    }

    private void fire(String query) {
        javafx.scene.control.Button button = robot.lookup(query).queryAs(javafx.scene.control.Button.class);
        assertThat(button.isDisabled()).as(query + " enabled").isFalse();
        robot.interact(button::fire);
    }

    /** Whether a node matches, looked up on the FX thread: a lookup from this thread can meet the list's rows mid-change. */
    private boolean shown(String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).tryQuery().isPresent()).get(5, TimeUnit.SECONDS);
    }

    /**
     * The bubbles under a node whose reply is streaming. The state is a pseudo-class, which a CSS
     * lookup does not match on (it matches type, id and style classes only).
     */
    private static java.util.List<Node> streaming(Node root) {
        return root.lookupAll(".message").stream().filter(n -> n.getPseudoClassStates().contains(MessageBubble.STREAMING)).toList();
    }

    /** The roots of the open windows' scenes; call on the FX thread. */
    private static java.util.stream.Stream<Node> roots() {
        return javafx.stage.Window.getWindows().stream().filter(w -> w.getScene() != null).map(w -> w.getScene().getRoot());
    }

    /** Whether a streaming bubble holds a node matching the query, looked on the FX thread. */
    private boolean streamingShows(String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> roots().flatMap(root -> streaming(root).stream())
                .anyMatch(bubble -> bubble.lookup(query) != null)).get(5, TimeUnit.SECONDS);
    }

    /** The end of the last row is in view. */
    private static boolean atBottom(javafx.scene.control.ListView<ChatMessageItem> list, javafx.scene.control.skin.VirtualFlow<?> flow) {
        javafx.scene.control.IndexedCell<?> cell = flow.getLastVisibleCell();
        return cell != null && cell.getIndex() == list.getItems().size() - 1 && cell.getLayoutY() + cell.getHeight() <= flow.getHeight() + 2;
    }

    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#chat-stop").query().isDisabled()
                && WaitForAsyncUtils.asyncFx(() -> roots().allMatch(root -> streaming(root).isEmpty())).get(5, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
