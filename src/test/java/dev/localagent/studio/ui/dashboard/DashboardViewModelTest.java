package dev.localagent.studio.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.resilience.BreakerOpenException;
import dev.localagent.studio.service.resilience.BreakerState;
import dev.localagent.studio.service.resilience.CallFailedException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's breaker rows and manual controls, without a window, on the real pipelines. */
class DashboardViewModelTest {

    @TempDir
    Path dir;

    private Studio studio;

    @AfterEach
    void close() {
        if (studio != null) {
            studio.close();
        }
    }

    private BreakerRow row(DashboardViewModel vm, String id) {
        return vm.breakers().stream().filter(r -> r.providerId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyEnabledProviderHasARowAndTheUserCanForceABreakerOpenAndResetIt() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        DashboardViewModel vm = new DashboardViewModel(studio, Runnable::run, Runnable::run);

        vm.refresh();
        assertThat(vm.breakers()).extracting(BreakerRow::providerId).contains("sim-openai", "sim-ollama", "openai", "perplexity");
        assertThat(row(vm, "sim-openai").state()).isEqualTo(BreakerState.CLOSED);

        vm.forceOpen("sim-openai");

        BreakerRow open = row(vm, "sim-openai");
        assertThat(open.state()).isEqualTo(BreakerState.FORCED_OPEN);
        assertThat(open.lastTransition()).endsWith("closed → forced open: forced open by the user");
        CallFailedException refused = catchThrowableOfType(CallFailedException.class, () -> studio.pipelines().pipeline("sim-openai")
                .call(ChatRequest.builder("gpt-4o-mini").user("hi").build(), text -> {}, new CancelSignal()));
        assertThat(refused.getCause()).isInstanceOf(BreakerOpenException.class);

        vm.refresh();
        assertThat(row(vm, "sim-openai").rejected()).isEqualTo(1);
        vm.reset("sim-openai");
        assertThat(row(vm, "sim-openai").state()).isEqualTo(BreakerState.CLOSED);

        vm.forceClosed("sim-gemini");
        assertThat(row(vm, "sim-gemini").state()).isEqualTo(BreakerState.FORCED_CLOSED);
    }
}
