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

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup(".message.from-model .facts .fact").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents(); // the facts appear inside the FX task that also ends the send; let it finish
        VBox reply = robot.lookup(".message.from-model").queryAs(VBox.class);
        Label text = (Label) reply.lookup(".message-text");
        assertThat(text.getText()).isNotBlank();
        assertThat(robot.lookup(".message.from-user .message-text").queryAs(Label.class).getText()).isEqualTo("What is a circuit breaker?");
        assertThat(robot.lookup(".message.from-model .fact").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(f -> assertThat(f).startsWith("TTFT "));
        assertThat(robot.lookup("#chat-prompt").queryAs(javafx.scene.control.TextArea.class).getText()).isEmpty();
        Node stop = robot.lookup("#chat-stop").query();
        assertThat(stop.isDisabled()).isTrue();
    }
}
