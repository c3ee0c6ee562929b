package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.config.StudioPaths;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** A message's bubble builds what most messages never show only when it is first needed. */
class MessageBubbleTest {

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private Studio studio;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (studio != null) {
            studio.close();
        }
    }

    @Test
    void aQuestionBuildsItsEditorOnTheFirstEdit() throws Exception {
        ChatMessageItem question = new ChatMessageItem(Role.USER, null, "Why pool connections?", ChatMessageItem.State.DONE);
        MessageBubble[] bubble = new MessageBubble[1];
        ChatViewModel vm = viewModel();
        robot.interact(() -> bubble[0] = new MessageBubble(question, vm));
        assertThat(all(bubble[0], TextArea.class)).as("text areas before Edit").isZero();

        robot.interact(() -> ((Button) bubble[0].lookup(".message-edit")).fire());

        TextArea editor = (TextArea) bubble[0].lookup(".message-editor");
        assertThat(editor).isNotNull();
        assertThat(editor.getText()).isEqualTo("Why pool connections?");
        assertThat(bubble[0].lookup(".message-tools").isVisible()).as("tools hidden while editing").isFalse();
        robot.interact(() -> ((Button) bubble[0].lookup(".message-edit-cancel")).fire());
        assertThat(editor.getParent().isVisible()).isFalse();
        assertThat(bubble[0].lookup(".message-tools").isVisible()).isTrue();
    }

    @Test
    void aReplyBuildsItsRemediesOnlyWhenItFails() throws Exception {
        ChatMessageItem reply = new ChatMessageItem(Role.ASSISTANT, "sim-openai", "", ChatMessageItem.State.STREAMING);
        MessageBubble[] bubble = new MessageBubble[1];
        ChatViewModel vm = viewModel();
        robot.interact(() -> bubble[0] = new MessageBubble(reply, vm));
        assertThat(all(bubble[0], MenuButton.class)).as("menu buttons while streaming").isZero();
        assertThat(bubble[0].lookup("#retry")).isNull();

        robot.interact(() -> {
            reply.errorProperty().set("server error");
            reply.stateProperty().set(ChatMessageItem.State.FAILED);
            reply.remedyProperty().set(ChatMessageItem.Remedy.RETRY);
        });

        assertThat(bubble[0].lookup("#retry")).isNotNull();
        assertThat(bubble[0].lookup(".reply-actions").isVisible()).isTrue();
        assertThat(bubble[0].getChildren().indexOf(bubble[0].lookup(".reply-actions")))
                .as("remedies above the tools").isLessThan(bubble[0].getChildren().indexOf(bubble[0].lookup(".message-tools")));
    }

    @Test
    void aReplyTallerThanTheWindowHasSquareCornersAndAnOutlineOfFourSidesWhileItStreamsAndAfter() throws Exception {
        ChatMessageItem reply = new ChatMessageItem(Role.ASSISTANT, "sim-openai", "", ChatMessageItem.State.STREAMING);
        MessageBubble[] bubble = new MessageBubble[1];
        ChatViewModel vm = viewModel();
        robot.interact(() -> {
            bubble[0] = new MessageBubble(reply, vm);
            javafx.scene.Scene scene = new javafx.scene.Scene(new javafx.scene.control.ScrollPane(bubble[0]), 600, 300);
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            scene.getStylesheets().add(ChatView.class.getResource("chat.css").toExternalForm());
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(scene);
            stage.show();
        });
        robot.interact(() -> reply.append("A short reply."));
        robot.interact(() -> bubble[0].applyCss());
        assertThat(uniformOutline(bubble[0])).as("a short reply keeps its rounded, uniform outline").isTrue();

        robot.interact(() -> reply.append("\n\nMore.".repeat(60)));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> bubble[0].applyCss());

        assertThat(bubble[0].getHeight()).isGreaterThan(300);
        // NGRegion fills a square background as a plain rectangle and draws a square outline whose
        // sides differ as four rectangles; a rounded or uniform one is stroked as a shape, every frame.
        assertThat(uniformOutline(bubble[0])).as("uniform or rounded outline while tall and streaming").isFalse();
        robot.interact(() -> reply.stateProperty().set(ChatMessageItem.State.DONE));
        robot.interact(() -> bubble[0].applyCss());
        // Rounding them again as it ended had the renderer draw that outline the height of the reply
        // in one frame, its slowest path: 100-350 ms the first few times.
        assertThat(uniformOutline(bubble[0])).as("still square when done").isFalse();
        FxToolkit.cleanupStages();
    }

    /** Whether the outline is drawn as one stroked shape (uniform, or with rounded corners). */
    private static boolean uniformOutline(MessageBubble bubble) {
        var stroke = bubble.getBorder().getStrokes().getFirst();
        return stroke.isStrokeUniform() || !stroke.getRadii().equals(javafx.scene.layout.CornerRadii.EMPTY)
                || !bubble.getBackground().getFills().getFirst().getRadii().equals(javafx.scene.layout.CornerRadii.EMPTY);
    }

    private ChatViewModel viewModel() throws java.io.IOException {
        if (studio == null) {
            studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        }
        return new ChatViewModel(studio, studio.background(), Platform::runLater, Duration.ofMillis(30));
    }

    private static int all(Node root, Class<?> type) {
        int n = type.isInstance(root) ? 1 : 0;
        if (root instanceof javafx.scene.Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                n += all(child, type);
            }
        }
        return n;
    }
}
