package dev.localagent.studio.ui.shell;

import dev.localagent.studio.app.GuiFrontEnd;
import dev.localagent.studio.app.ScreenshotSpec;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.app.WindowState;
import dev.localagent.studio.service.bench.BenchScenario;
import dev.localagent.studio.ui.bench.BenchSettingsForm;
import dev.localagent.studio.ui.bench.BenchmarkViewModel;
import dev.localagent.studio.ui.chat.ChatViewModel;
import dev.localagent.studio.ui.theme.ThemeController;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/** Opens the real window, or renders it headless for the {@code screenshot} command. */
public final class FxFrontEnd implements GuiFrontEnd {

    /** Frames rendered before the snapshot, so CSS, layout and the first paint have all settled. */
    private static final int SETTLE_FRAMES = 3;

    @Override
    public void open(Studio studio) {
        StudioApp.launchWith(studio, studio.windowStateStore().load());
        try {
            Application.launch(StudioApp.class);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("Cannot open the window (" + root.getMessage() + "). On Linux the GTK 3 libraries"
                    + " are needed (libgtk-3-0); the commands sim, chat, bench, tokens and screenshot run without a display.", e);
        }
    }

    @Override
    public void screenshot(Studio studio, ScreenshotSpec spec) throws IOException {
        startHeadlessToolkit();
        studio.health().checkNow(); // the status bar shows what a user would see a moment after start
        WritableImage image = render(studio, spec);
        writePng(image, spec);
    }

    /**
     * Starts JavaFX on its headless platform unless it already runs (as in tests). The properties
     * must be set before the toolkit starts; they are read once. The toolkit is left running: it
     * cannot be started twice in one process, and the launcher's {@code System.exit} ends it.
     */
    private static void startHeadlessToolkit() {
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            return;
        }
        Platform.setImplicitExit(false);
        awaitQuietly(started);
    }

    private static WritableImage render(Studio studio, ScreenshotSpec spec) throws IOException {
        CompletableFuture<WritableImage> result = new CompletableFuture<>();
        WindowState state = new WindowState(0, 0, spec.width(), spec.height(), false, spec.tab());
        Platform.runLater(() -> {
            try {
                ThemeController.useTheme(spec.theme() == ScreenshotSpec.ScreenshotTheme.DARK);
                Stage stage = new Stage();
                MainWindow window = new MainWindow(studio, stage, state, false);
                stage.setOnHidden(null); // a screenshot must not move the user's saved window
                stage.show();
                if (spec.chatPrompt() != null) {
                    window.chatViewModel().promptProperty().set(spec.chatPrompt());
                    window.chatViewModel().send();
                }
                if (spec.benchSeconds() != null) {
                    startScreenshotBench(window.benchmarkViewModel(), spec.benchSeconds());
                }
                afterFrames(SETTLE_FRAMES, () -> window.chatViewModel().stateProperty().get() == ChatViewModel.State.IDLE
                        && benchSettled(window.benchmarkViewModel()), () -> {
                    try {
                        WritableImage image = new WritableImage(spec.width(), spec.height());
                        window.scene().getRoot().resize(spec.width(), spec.height());
                        result.complete(window.scene().snapshot(image));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    } finally {
                        stage.hide();
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering", e);
        } catch (TimeoutException e) {
            throw new IOException("could not render the " + spec.tab().id() + " tab: no frame was drawn within 60 s", e);
        } catch (ExecutionException e) {
            throw new IOException("could not render the " + spec.tab().id() + " tab: " + e.getCause(), e.getCause());
        }
    }

    /** A short closed-loop run of eight users against the simulated OpenAI provider, with objectives so goodput shows. */
    private static void startScreenshotBench(BenchmarkViewModel bench, int seconds) {
        BenchSettingsForm form = bench.form();
        if (form.providers().contains("sim-openai")) {
            form.providerProperty().set("sim-openai");
        }
        form.scenarioProperty().set(BenchScenario.LOAD);
        form.usersProperty().set("8");
        form.lengthProperty().set(seconds + "s");
        form.maxTokensProperty().set("24");
        form.ttftProperty().set("500ms");
        form.e2eProperty().set("1s");
        bench.run();
    }

    private static boolean benchSettled(BenchmarkViewModel bench) {
        BenchmarkViewModel.State s = bench.stateProperty().get();
        return s == BenchmarkViewModel.State.IDLE || s == BenchmarkViewModel.State.FAILED
                || (s == BenchmarkViewModel.State.DONE && !bench.savedRuns().list().isEmpty());
    }

    /** Runs the action on the FX thread once {@code ready} holds and then {@code frames} more frames were drawn. */
    private static void afterFrames(int frames, java.util.function.BooleanSupplier ready, Runnable action) {
        new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (!ready.getAsBoolean()) {
                    seen = 0;
                } else if (++seen >= frames) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    private static void writePng(WritableImage image, ScreenshotSpec spec) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        if (spec.out().getParent() != null) {
            Files.createDirectories(spec.out().getParent());
        }
        if (!ImageIO.write(out, "png", spec.out().toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
