package dev.localagent.studio.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * What the four personas share: reading a size-limited body, and the life of a chat request after
 * it has been understood — rate limit, injected delay and errors, then the reply, whole or
 * streamed. Subclasses route their paths and say how their provider words each answer.
 */
abstract class PersonaEndpoint {

    protected final SimOptions options;
    protected final FaultController faults;
    protected final SimStats stats;
    private final StreamPlayer player;

    PersonaEndpoint(SimOptions options, FaultController faults, SimStats stats) {
        this.options = options;
        this.faults = faults;
        this.stats = stats;
        this.player = new StreamPlayer(stats);
    }

    abstract Persona persona();

    /** Answers one request to one of this persona's paths. */
    abstract void handle(SimExchange ex) throws IOException;

    /** An injected error of this status (5xx, 429, ...) as this provider sends it. */
    abstract SimResponse statusError(int status, SimModel model, FaultDecision decision);

    /** The limiter's refusal, with this provider's retry signals. */
    abstract SimResponse rateLimited(SimModel model, RateLimiter.Verdict verdict, boolean retryAfterAsDate);

    /** Ends the streams still playing after their requests' handlers returned (the server is closing). */
    void cancelStreams() {
        player.cancelAll();
    }

    /** A body over the size limit. */
    abstract SimResponse tooLarge();

    /** Headers on every successful chat reply (OpenAI's rate-limit headers). */
    Map<String, String> successHeaders(SimModel model, RateLimiter.Verdict verdict, long receivedNanos) {
        return Map.of();
    }

    /** The body, or {@code null} after a 413 was sent. */
    protected byte[] readBody(SimExchange ex) throws IOException {
        try {
            return ex.body(options.maxBodyBytes());
        } catch (SimExchange.BodyTooLarge e) {
            ex.send(tooLarge());
            return null;
        }
    }

    /**
     * A chat request once understood: everything that follows from its bytes alone. Replies are
     * deterministic, so identical requests (benchmarks, retries) skip parsing, validation and
     * generation; faults, limits and pacing still apply to each request.
     */
    record Understood(SimModel model, int promptTokens, boolean stream, Reply reply, Supplier<ChatRenderer> renderer, Runnable onEach) {}

    private static final int MEMO_LIMIT = 4096;
    private final Map<String, Understood> memo = new ConcurrentHashMap<>();

    private static String memoKey(SimExchange ex, byte[] body) {
        String query = ex.rawQuery();
        return ex.path() + (query == null ? "" : "?" + query) + "\n" + new String(body, StandardCharsets.ISO_8859_1);
    }

    /** Serves a request seen before, byte for byte; {@code false} if it is new. */
    protected boolean serveRemembered(SimExchange ex, byte[] body) throws IOException {
        Understood u = memo.get(memoKey(ex, body));
        if (u == null) {
            return false;
        }
        u.onEach().run();
        serveChat(ex, u.model(), u.promptTokens(), u.stream(), u.reply(), u.renderer().get());
        return true;
    }

    /** Remembers what this request means, then serves it. */
    protected void serveUnderstood(SimExchange ex, byte[] body, Understood u) throws IOException {
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(memoKey(ex, body), u);
        u.onEach().run();
        serveChat(ex, u.model(), u.promptTokens(), u.stream(), u.reply(), u.renderer().get());
    }

    protected long seedOf(Long requestSeed) {
        return requestSeed == null ? options.seed() : requestSeed ^ (options.seed() * 31);
    }

    /** The life of an understood chat request; see the class comment. */
    protected void serveChat(SimExchange ex, SimModel model, int promptTokens, boolean stream, Reply reply, ChatRenderer renderer)
            throws IOException {
        FaultDecision d = faults.decide(persona());
        RateLimiter limiter = faults.limiter(persona());
        RateLimiter.Verdict verdict = null;
        if (limiter != null) {
            verdict = limiter.acquire(promptTokens + reply.completionTokens());
            if (!verdict.allowed()) {
                stats.recordFault("rate-limit");
                ex.send(rateLimited(model, verdict, d.retryAfterAsDate()));
                return;
            }
        }
        Map<String, String> headers = successHeaders(model, verdict, ex.receivedNanos());
        if (!d.delay().isZero()) {
            stats.recordFault(d.spiked() ? "spike" : "latency");
            StreamPlayer.sleepUntil(ex.receivedNanos() + d.delay().toNanos());
        }
        if (d.errorBeforeReply() || (!stream && d.errorMidStream())) {
            stats.recordFault("error");
            ex.send(statusError(d.errorStatus(), model, d));
            return;
        }
        if (!stream && d.dropAfterTokens() >= 0) {
            stats.recordFault("drop");
            throw new SimExchange.ConnectionDrop();
        }
        if (d.oversizedBytes() > 0) {
            stats.recordFault("oversized");
            reply = reply.padded(d.oversizedBytes());
        }
        Pacing pacing = options.pacingFor(model);
        if (d.ttft() != null) {
            pacing = new Pacing(d.ttft(), pacing.tokensPerSecond(), pacing.jitter(), Duration.ZERO);
        }
        if (d.tps() != null) {
            pacing = pacing.withTokensPerSecond(d.tps());
        }
        long promptStart = System.nanoTime();
        if (stream) {
            player.play(ex, renderer.stream(), reply, pacing, promptTokens, promptStart, d, headers);
            return;
        }
        // a whole reply takes as long as its stream would have
        long firstToken = promptStart + pacing.firstTokenNanos(promptTokens);
        long end = firstToken + Math.max(0, reply.completionTokens() - 1) * pacing.gapNanos();
        if (d.stallAfterTokens() >= 0 && d.stallAfterTokens() <= reply.completionTokens()) {
            stats.recordFault("stall");
            end += d.stall().toNanos();
        }
        StreamPlayer.sleepUntil(end);
        long now = System.nanoTime();
        SimResponse body = renderer.whole(reply, new StreamTimes(ex.receivedNanos(), promptStart, Math.min(firstToken, now),
                Math.max(now, firstToken + 1)));
        if (d.malformedAfterTokens() >= 0) {
            stats.recordFault("malformed");
            body = new SimResponse(body.status(), body.contentType(), Arrays.copyOf(body.body(), body.body().length / 2), body.headers());
        }
        ex.send(body, headers);
    }
}
