package dev.localagent.studio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.resilience.CallFailedException;
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.tokens.BudgetExceededException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline as the app wires it: the cache, the cost accounting and budgets around real simulator calls. */
class CachedAndCostedCallsTest {

    @TempDir
    Path dir;

    private Studio studio(String configJson) throws Exception {
        Files.writeString(dir.resolve("config.json"), configJson);
        return Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
    }

    private static ChatRequest question() {
        return ChatRequest.builder("gpt-4o-mini").user("What is a connection pool?").temperature(0.0).maxOutputTokens(60).build();
    }

    @Test
    void theSameQuestionTwiceIsAnsweredFromTheCacheTheSecondTimeAsAStream() throws Exception {
        try (Studio studio = studio("{\"providers\":[{\"id\":\"sim-openai\",\"cache\":{\"strategy\":\"aggressive\",\"ttlSeconds\":600}}]}")) {
            ProviderPipeline pipeline = studio.pipelines().pipeline("sim-openai");
            PipelineResult first = pipeline.call(question(), text -> {}, new CancelSignal());
            StringBuilder replayed = new StringBuilder();

            PipelineResult second = pipeline.call(question(), replayed::append, new CancelSignal());

            assertThat(first.record().cacheHit()).isFalse();
            assertThat(first.cost()).hasValueSatisfying(c -> assertThat(c.total()).isPositive());
            assertThat(second.record().cacheHit()).isTrue();
            assertThat(second.record().attempts()).as("nothing was sent").isZero();
            assertThat(replayed.toString()).isEqualTo(first.result().text());
            assertThat(second.result().text()).isEqualTo(first.result().text());
            assertThat(second.record().cacheSaved().tokens()).isEqualTo((long) first.result().usage().totalTokens());
            assertThat(second.record().cacheSaved().costUsd()).isEqualByComparingTo(first.cost().orElseThrow().total());
            assertThat(second.cost()).hasValueSatisfying(c -> assertThat(c.total()).isZero());
            assertThat(pipeline.stats().cacheHits()).isEqualTo(1);
            assertThat(studio.cacheAndCosts().responseCache().stats().hits()).isEqualTo(1);
        }
    }

    @Test
    void aRepliesCostIsRecordedAsSpendThatTheBudgetThenBlocks() throws Exception {
        try (Studio studio = studio("{\"providers\":[{\"id\":\"sim-openai\",\"cache\":{\"strategy\":\"disabled\",\"ttlSeconds\":0},"
                + "\"budget\":{\"dailyLimitUsd\":0.0000001,\"warnAtPercent\":80,\"blockAtLimit\":true}}]}")) {
            ProviderPipeline pipeline = studio.pipelines().pipeline("sim-openai");
            pipeline.call(question(), text -> {}, new CancelSignal());
            assertThat(studio.cacheAndCosts().ledger().spentToday("sim-openai")).isGreaterThan(BigDecimal.ZERO);

            CallFailedException refused = catchThrowableOfType(CallFailedException.class,
                    () -> pipeline.call(question(), text -> {}, new CancelSignal()));

            assertThat(refused.getCause()).isInstanceOf(BudgetExceededException.class);
            assertThat(refused.record().attempts()).isZero();
        }
    }
}
