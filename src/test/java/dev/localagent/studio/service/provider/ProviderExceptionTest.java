package dev.localagent.studio.service.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.provider.wire.ErrorFields;
import dev.localagent.studio.service.provider.wire.StreamErrors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderExceptionTest {

    @Test
    void theMessageIsOneSentenceNamingProviderWhatStatusAndTheProvidersWords() {
        ProviderException e = new ModelNotFoundException(new ErrorOrigin("openai", 404, "The model `x`\n does not exist.", false));
        assertThat(e.getMessage()).isEqualTo("openai: model not found (HTTP 404): The model `x` does not exist.");
        assertThat(e.errorClass()).isEqualTo("ModelNotFoundException");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void longProviderMessagesAreCutSoTheLineStaysReadable() {
        ProviderException e = new ServerErrorException(new ErrorOrigin("gemini", 500, "x".repeat(1_000), false));
        assertThat(e.getMessage()).hasSizeLessThan(400).endsWith("…");
    }

    @Test
    void timeoutsSayWhichPhaseAndTheLimit() {
        ProviderException e = new ProviderTimeoutException(ErrorOrigin.local("sim-ollama", null), ProviderTimeoutException.Phase.IDLE,
                Duration.ofMillis(300), null);
        assertThat(e.getMessage()).isEqualTo("sim-ollama: timed out after 300 ms waiting for the next chunk (idle gap)");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void anApiKeyQuotedBackByTheServerIsBlankedOut() {
        StreamErrors errors = new StreamErrors("openai", "sk-live-123456");
        ProviderException e = errors.inStream(ErrorFields.message("Incorrect API key provided: sk-live-123456"));
        assertThat(e.getMessage()).doesNotContain("sk-live-123456").contains("Incorrect API key provided: ***");
    }
}
