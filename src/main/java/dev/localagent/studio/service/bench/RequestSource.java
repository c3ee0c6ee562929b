package dev.localagent.studio.service.bench;

import dev.localagent.studio.model.ChatRequest;
import java.util.SplittableRandom;

/**
 * The requests of a run, in send order: fresh prompts from the set in turn, and with probability
 * {@code repeatRatio} an exact repeat of one sent before (chosen uniformly), from the run's seed.
 * Fresh prompts never repeat by accident: past the end of the set they get a numbered suffix.
 * Thread-safe.
 */
final class RequestSource {

    private final PromptSet prompts;
    private final double repeatRatio;
    private final String model;
    private final boolean stream;
    private final Integer maxTokens;
    private final Long requestSeed;
    private final SplittableRandom random;
    /** Fresh prompts issued so far; prompt k is a pure function of k, so none is kept (an hour-long run sends millions). */
    private int issued;
    private long repeats;
    private long total;

    /**
     * @param requestSeed the {@code seed} parameter sent with every request (makes replies
     *     deterministic, hence cacheable by every strategy), or null to send none
     */
    RequestSource(PromptSet prompts, double repeatRatio, String model, boolean stream, Integer maxTokens, Long requestSeed, long seed) {
        this.prompts = prompts;
        this.repeatRatio = repeatRatio;
        this.model = model;
        this.stream = stream;
        this.maxTokens = maxTokens;
        this.requestSeed = requestSeed;
        this.random = new SplittableRandom(seed);
    }

    synchronized ChatRequest next() {
        total++;
        BenchPrompt prompt;
        if (issued > 0 && random.nextDouble() < repeatRatio) {
            prompt = fresh(random.nextInt(issued));
            repeats++;
        } else {
            prompt = fresh(issued++);
        }
        return ChatRequest.builder(model).systemPrompt(prompt.system()).user(prompt.user()).maxOutputTokens(maxTokens)
                .seed(requestSeed).stream(stream).build();
    }

    /** The k-th fresh prompt: the set in turn, numbered past its end so no two are alike. */
    private BenchPrompt fresh(int k) {
        BenchPrompt base = prompts.get(k % prompts.size());
        int round = k / prompts.size();
        return round == 0 ? base : new BenchPrompt(base.system(), base.user() + " (variant " + round + ")");
    }

    /** How many requests so far were exact repeats. */
    synchronized long repeats() {
        return repeats;
    }

    synchronized long total() {
        return total;
    }
}
