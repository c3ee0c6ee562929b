package dev.localagent.studio.service.resilience;

/**
 * Token-bucket arithmetic: at most {@code capacity} permits stored, refilled continuously at
 * {@code refillPerSecond}. A reservation may drive the balance below zero, which makes later
 * callers queue behind it in order; a request larger than the capacity is admitted once the
 * bucket is full, so a big prompt cannot starve forever under a tokens-per-minute limit.
 * Thread-safe.
 */
final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private final TimeSource time;
    private double balance;
    private long refilledAt;
    private long pausedUntil;

    TokenBucket(double capacity, double refillPerSecond, TimeSource time) {
        if (capacity <= 0 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("capacity and refill rate must be positive");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.time = time;
        this.balance = capacity;
        this.refilledAt = time.nanoTime();
        this.pausedUntil = refilledAt;
    }

    /**
     * Takes {@code permits} if the caller would wait at most {@code maxWaitNanos} for them.
     *
     * @return the nanoseconds the caller must wait before using the permits, or -1 if that is
     *     longer than {@code maxWaitNanos} (then nothing was taken)
     */
    synchronized long reserve(double permits, long maxWaitNanos) {
        long now = time.nanoTime();
        long wait = waitNanos(now, permits);
        if (wait > maxWaitNanos) {
            return -1;
        }
        balance -= permits;
        return wait;
    }

    /** How long a caller asking for {@code permits} now would wait; takes nothing. */
    synchronized long peekWait(double permits) {
        return waitNanos(time.nanoTime(), permits);
    }

    private long waitNanos(long now, double permits) {
        refill(now);
        double needed = Math.min(permits, capacity);
        long refillWait = balance >= needed ? 0 : (long) Math.ceil((needed - balance) / refillPerNano);
        return Math.max(refillWait, pausedUntil - now);
    }

    /** Gives permits back (a reply used fewer tokens than estimated), never above capacity. */
    synchronized void credit(double permits) {
        refill(time.nanoTime());
        balance = Math.min(capacity, balance + permits);
    }

    /** Takes permits without waiting (a reply used more tokens than estimated). */
    synchronized void debit(double permits) {
        refill(time.nanoTime());
        balance -= permits;
    }

    /** Nothing is admitted before {@code nanoTime}: the provider said to back off until then. */
    synchronized void pauseUntil(long nanoTime) {
        pausedUntil = Math.max(pausedUntil, nanoTime);
    }

    synchronized long pausedForNanos() {
        return Math.max(0, pausedUntil - time.nanoTime());
    }

    synchronized double available() {
        refill(time.nanoTime());
        return balance;
    }

    double capacity() {
        return capacity;
    }

    private void refill(long now) {
        if (now > refilledAt) {
            balance = Math.min(capacity, balance + (now - refilledAt) * refillPerNano);
            refilledAt = now;
        }
    }
}
