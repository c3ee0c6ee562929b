package dev.localagent.studio.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.config.ConfigDefaults;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.TimeoutSettings;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.provider.Provider;
import dev.localagent.studio.service.provider.ProviderFactory;
import dev.localagent.studio.service.provider.ProviderTimeoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connect that never completes, on loopback: a server whose accept queue is full and who never
 * accepts makes the kernel drop further handshakes, so the client's connect hangs until its timeout.
 */
class ConnectTimeoutTest {

    @Test
    void aConnectThatHangsEndsInTheConnectPhaseTimeout() throws Exception {
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket neverAccepts = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PooledHttpClient http = new PooledHttpClient(HttpClientSettings.DEFAULT)) {
            for (int i = 0; i < 8; i++) { // fill the accept queue; later connects stop completing
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), neverAccepts.getLocalPort()), 200);
                    queued.add(s);
                } catch (IOException full) {
                    s.close();
                    break;
                }
            }
            ProviderConfig config = ConfigDefaults.config().provider("openai").orElseThrow()
                    .withBaseUrl("http://127.0.0.1:" + neverAccepts.getLocalPort() + "/v1");
            ProviderConfig quick = new ProviderConfig(config.id(), config.kind(), config.displayName(), false, config.baseUrl(), true,
                    config.defaultModel(), new TimeoutSettings(300, 5_000, 5_000, 10_000), config.pool(), config.breaker(),
                    config.rateLimit(), config.retry(), config.cache());
            Provider provider = new ProviderFactory(http, ApiKeys.none(), Clock.systemUTC()).create(quick);
            long start = System.nanoTime();

            ProviderTimeoutException timeout = catchThrowableOfType(ProviderTimeoutException.class,
                    () -> provider.chat(ChatRequest.builder("gpt-4o-mini").user("hi").stream(false).build()));

            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(timeout.phase()).isEqualTo(ProviderTimeoutException.Phase.CONNECT);
            assertThat(tookMs).isBetween(250L, 3_000L);
            assertThat(http.leasedConnections()).isZero();
        } finally {
            for (Socket s : queued) {
                s.close();
            }
        }
    }
}
