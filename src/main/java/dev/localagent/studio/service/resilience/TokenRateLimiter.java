package dev.localagent.studio.service.resilience;

import java.time.Duration;

/**
 * One provider's tokens-per-minute limit. Before a call it reserves the request's estimated
 * tokens; after the reply it reconciles with the usage the server reported, giving back what was
 * over-estimated and charging what was under. A limit of 0 admits everything. Thread-safe.
 */
public final class TokenRateLimiter {

    /** Tokens taken for one call, to be reconciled when its usage is known. */
    public record Reservation(long estimatedTokens, Duration waited) {
        static final Reservation UNLIMITED = new Reservation(0, Duration.ZERO);
    }

    private final String provider;
    private final TokenBucket bucket;
    private final TimeSource time;
    private final long maxWaitNanos;
    private final LimiterRecorder recorder = new LimiterRecorder();

    /**
     * @param tokensPerMinute 0 for no limit
     * @param maxWait how long a call may wait for tokens; zero rejects at once
     */
    public TokenRateLimiter(String provider, long tokensPerMinute, Duration maxWait, TimeSource time) {
        this.provider = provider;
        this.bucket = tokensPerMinute > 0 ? new TokenBucket(tokensPerMinute, tokensPerMinute / 60.0, time) : null;
        this.time = time;
        this.maxWaitNanos = maxWait.toNanos();
    }

    public boolean limited() {
        return bucket != null;
    }

    /**
     * Takes the estimated tokens, waiting if allowed.
     *
     * @throws RateLimitRejectedException when the tokens are further away than the call may wait
     */
    public Reservation reserve(long estimatedTokens) throws InterruptedException {
        if (bucket == null) {
            return Reservation.UNLIMITED;
        }
        long wait = bucket.reserve(estimatedTokens, maxWaitNanos);
        if (wait < 0) {
            recorder.recordRejected();
            throw new RateLimitRejectedException(provider, "tokens-per-minute", Duration.ofNanos(bucket.peekWait(estimatedTokens)),
                    Duration.ofNanos(maxWaitNanos));
        }
        if (wait > 0) {
            time.sleep(wait);
        }
        recorder.recordAdmitted(estimatedTokens, wait);
        return new Reservation(estimatedTokens, Duration.ofNanos(wait));
    }

    /** Settles a reservation with the tokens the call really used (prompt plus completion). */
    public void reconcile(Reservation reservation, long actualTokens) {
        if (bucket == null || reservation == Reservation.UNLIMITED) {
            return;
        }
        long difference = actualTokens - reservation.estimatedTokens();
        if (difference > 0) {
            bucket.debit(difference);
        } else if (difference < 0) {
            bucket.credit(-difference);
        }
    }

    /** The provider said its token budget is spent until a reset. */
    public void pauseFor(Duration pause) {
        if (bucket != null) {
            bucket.pauseUntil(time.nanoTime() + pause.toNanos());
        }
    }

    public RateLimiterStats stats() {
        return bucket == null
                ? new RateLimiterStats(0, 0, 0, Duration.ZERO, Duration.ZERO, Double.POSITIVE_INFINITY, Duration.ZERO)
                : recorder.snapshot(bucket);
    }
}
