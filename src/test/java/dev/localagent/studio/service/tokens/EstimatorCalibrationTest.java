package dev.localagent.studio.service.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.testsupport.ReplyCorpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimator against a server whose tokenizer it does not know. The simulator had not landed
 * when this was written, so the "server" here is a real BPE the estimator has no copy of: GPT-2's
 * r50k_base (50k tokens, fewer bytes per token on technical English than the Llama 3 seed assumes),
 * counting every reply and prompt the way a server reports {@code usage}: content tokens plus the
 * Llama 3 chat template's overhead on the prompt side.
 */
class EstimatorCalibrationTest {

    private static final Encoding SERVER_TOKENIZER = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    private static final String MODEL = "llama3.2";

    private final TokenCounter counter = new TokenCounter();

    private static int serverCount(String text) {
        return SERVER_TOKENIZER.countTokensOrdinary(text);
    }

    private static ChatRequest ask(String question) {
        return ChatRequest.builder(MODEL).systemPrompt("You are a concise senior engineer.").messages(List.of(ChatMessage.user(question))).build();
    }

    /** Usage as a Llama server reports it: template overhead on the prompt, pure text on the completion. */
    private static Usage serverUsage(ChatRequest request, String reply) {
        int prompt = 0;
        for (PromptMessage m : PromptMessage.of(request)) {
            prompt += serverCount(m.content()) + ModelFamily.LLAMA.tokensPerMessage();
        }
        return new Usage(prompt + ModelFamily.LLAMA.replyPrimerTokens(), serverCount(reply), null, null, false);
    }

    private double meanAbsoluteErrorOn(List<String> texts) {
        double sum = 0;
        for (String t : texts) {
            int truth = serverCount(t);
            sum += Math.abs(counter.count(MODEL, t).tokens() - truth) / (double) truth;
        }
        return sum / texts.size();
    }

    @Test
    void convergesOnAModelAfterAFewRepliesAndReportsItsError() {
        List<String> heldOut = ReplyCorpus.replies(1, 40, 1_500);
        List<String> questions = ReplyCorpus.replies(2, 30, 200);
        List<String> replies = ReplyCorpus.replies(3, 30, 1_500);
        double before = meanAbsoluteErrorOn(heldOut);

        for (int i = 0; i < replies.size(); i++) {
            ChatRequest request = ask(questions.get(i));
            counter.calibrate(MODEL, request, replies.get(i), serverUsage(request, replies.get(i)));
        }

        double after = meanAbsoluteErrorOn(heldOut);
        EstimatorStatus status = counter.calibration(MODEL).orElseThrow();
        // No single bytes-per-token ratio can do better than the one fitted to the held-out texts
        // themselves: code blocks and prose differ by more than that (about 5.8% on this corpus).
        long heldOutBytes = heldOut.stream().mapToLong(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        long heldOutTokens = heldOut.stream().mapToLong(EstimatorCalibrationTest::serverCount).sum();
        double bestRatio = (double) heldOutBytes / heldOutTokens;
        double floor = heldOut.stream().mapToDouble(t -> {
            int truth = serverCount(t);
            return Math.abs(Math.round(t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / bestRatio) - truth) / (double) truth;
        }).average().orElseThrow();

        assertThat(before).as("the Llama seed, before any reply").isGreaterThan(floor + 0.02);
        assertThat(after).as("held-out error after 30 replies").isLessThan(floor + 0.01);
        assertThat(status.bytesPerToken()).isCloseTo(bestRatio, org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(status.samples()).isEqualTo(60); // each reply teaches twice: its completion and its prompt
        assertThat(status.meanAbsoluteErrorPercent()).as("the estimator's own account of its error")
                .isBetween(after * 100 / 2, after * 100 * 2);
    }

    @Test
    void promptEstimatesIncludeTheTemplateOverhead() {
        for (String reply : ReplyCorpus.replies(4, 20, 1_500)) {
            ChatRequest request = ask("Explain connection pooling.");
            counter.calibrate(MODEL, request, reply, serverUsage(request, reply));
        }
        // A short prompt, where the template's 15 tokens (2 messages x 5 + 5) are half the count.
        ChatRequest next = ask("How do I size a connection pool?");
        int truth = serverUsage(next, "").promptTokens();

        int estimated = counter.countPrompt(MODEL, next).tokens();

        assertThat(truth).isBetween(25, 35);
        assertThat(estimated).isCloseTo(truth, org.assertj.core.api.Assertions.within(3));
    }

    @Test
    void ignoresAPromptCountShrunkByTheServersKvCache() {
        ChatRequest request = ask("Explain connection pooling.");
        String reply = ReplyCorpus.replies(6, 1, 1_500).getFirst();

        // Ollama reports a tiny prompt_eval_count when the prompt came from its KV cache.
        counter.calibrate(MODEL, request, reply, new Usage(3, serverCount(reply), null, null, false));

        assertThat(counter.calibration(MODEL).orElseThrow().samples()).isEqualTo(1);
    }

    @Test
    void relearnsWhenTheModelBehindANameChanges() {
        List<String> replies = ReplyCorpus.replies(7, 120, 1_000);
        for (String reply : replies.subList(0, 40)) {
            counter.calibrate(MODEL, null, reply, new Usage(null, serverCount(reply), null, null, false));
        }
        // Same name, a tokenizer that needs 50% more tokens for the same text.
        for (String reply : replies.subList(40, 120)) {
            counter.calibrate(MODEL, null, reply, new Usage(null, serverCount(reply) * 3 / 2, null, null, false));
        }

        String probe = ReplyCorpus.replies(8, 1, 2_000).getFirst();
        assertThat((double) counter.count(MODEL, probe).tokens())
                .isCloseTo(serverCount(probe) * 1.5, org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void neitherEstimatedNorExactCountsAreLearnedFrom() {
        counter.calibrate(MODEL, null, "some text", new Usage(null, 50, null, null, true));
        counter.calibrate("gpt-4o", null, "some text", new Usage(null, 50, null, null, false));

        assertThat(counter.calibration(MODEL).orElseThrow().samples()).isZero();
        assertThat(counter.calibration("gpt-4o")).isEmpty();
    }
}
