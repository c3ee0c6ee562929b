package dev.localagent.studio.sim.fault;

import java.time.Duration;
import java.util.List;

/**
 * One layer of fault settings. Every field is optional ({@code null} = inherit from the layer
 * below), so a preset, a timeline phase, a per-persona override and the command-line flags can be
 * stacked with {@link #overriddenBy}. Rates are probabilities per request, 0..1. Immutable.
 *
 * @param latency fixed delay before a non-streamed reply and before the first byte of a stream
 * @param spikeRate share of requests that wait an extra {@code spike} before their headers
 * @param errorRate share of requests answered with one of {@code errorStatus} (picked uniformly)
 * @param errorAfterTokens {@code null}: the error replaces the reply; N: it comes after N streamed tokens
 * @param retryAfter the delay announced on injected 429s
 * @param retryAfterFormat {@code seconds} or {@code http-date} for the {@code retry-after} header
 * @param rpm requests per minute a real limiter enforces per persona (0 = unlimited)
 * @param tpm tokens (prompt + reply) per minute the limiter enforces per persona (0 = unlimited)
 * @param ttft time to first token of a stream (overrides the persona's pacing)
 * @param tps tokens per second after the first (0 = as fast as possible)
 */
public record FaultSet(
        Duration latency,
        Double spikeRate,
        Duration spike,
        Double errorRate,
        List<Integer> errorStatus,
        Integer errorAfterTokens,
        Duration retryAfter,
        String retryAfterFormat,
        Integer rpm,
        Integer tpm,
        Double stallRate,
        Integer stallAfterTokens,
        Duration stall,
        Double dropRate,
        Integer dropAfterTokens,
        Double malformedRate,
        Integer malformedAfterTokens,
        Double truncateRate,
        Double oversizedRate,
        Integer oversizedBytes,
        Duration ttft,
        Double tps) {

    /** Nothing set: inherits everything, and on its own means "no faults". */
    public static final FaultSet NONE = builder().build();

    /** The status codes a server error may take when none are given. */
    public static final List<Integer> DEFAULT_ERROR_STATUS = List.of(500, 502, 503);

    public FaultSet {
        errorStatus = errorStatus == null ? null : List.copyOf(errorStatus);
    }

    /** This layer with every field that {@code over} sets replaced by its value. */
    public FaultSet overriddenBy(FaultSet over) {
        if (over == null) {
            return this;
        }
        return new FaultSet(
                pick(over.latency, latency), pick(over.spikeRate, spikeRate), pick(over.spike, spike),
                pick(over.errorRate, errorRate), pick(over.errorStatus, errorStatus), pick(over.errorAfterTokens, errorAfterTokens),
                pick(over.retryAfter, retryAfter), pick(over.retryAfterFormat, retryAfterFormat),
                pick(over.rpm, rpm), pick(over.tpm, tpm),
                pick(over.stallRate, stallRate), pick(over.stallAfterTokens, stallAfterTokens), pick(over.stall, stall),
                pick(over.dropRate, dropRate), pick(over.dropAfterTokens, dropAfterTokens),
                pick(over.malformedRate, malformedRate), pick(over.malformedAfterTokens, malformedAfterTokens),
                pick(over.truncateRate, truncateRate),
                pick(over.oversizedRate, oversizedRate), pick(over.oversizedBytes, oversizedBytes),
                pick(over.ttft, ttft), pick(over.tps, tps));
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    private static <T> T pick(T over, T under) {
        return over != null ? over : under;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a layer; unset fields stay {@code null} (inherit). */
    public static final class Builder {
        private Duration latency, spike, retryAfter, stall, ttft;
        private Double spikeRate, errorRate, stallRate, dropRate, malformedRate, truncateRate, oversizedRate, tps;
        private List<Integer> errorStatus;
        private Integer errorAfterTokens, rpm, tpm, stallAfterTokens, dropAfterTokens, malformedAfterTokens, oversizedBytes;
        private String retryAfterFormat;

        public Builder latency(Duration v) { latency = v; return this; }
        public Builder spike(double rate, Duration v) { spikeRate = rate; spike = v; return this; }
        public Builder spikeRate(Double v) { spikeRate = v; return this; }
        public Builder spike(Duration v) { spike = v; return this; }
        public Builder errorRate(Double v) { errorRate = v; return this; }
        public Builder errorStatus(List<Integer> v) { errorStatus = v; return this; }
        public Builder errorAfterTokens(Integer v) { errorAfterTokens = v; return this; }
        public Builder retryAfter(Duration v) { retryAfter = v; return this; }
        public Builder retryAfterFormat(String v) { retryAfterFormat = v; return this; }
        public Builder rpm(Integer v) { rpm = v; return this; }
        public Builder tpm(Integer v) { tpm = v; return this; }
        public Builder stallRate(Double v) { stallRate = v; return this; }
        public Builder stallAfterTokens(Integer v) { stallAfterTokens = v; return this; }
        public Builder stall(Duration v) { stall = v; return this; }
        public Builder dropRate(Double v) { dropRate = v; return this; }
        public Builder dropAfterTokens(Integer v) { dropAfterTokens = v; return this; }
        public Builder malformedRate(Double v) { malformedRate = v; return this; }
        public Builder malformedAfterTokens(Integer v) { malformedAfterTokens = v; return this; }
        public Builder truncateRate(Double v) { truncateRate = v; return this; }
        public Builder oversizedRate(Double v) { oversizedRate = v; return this; }
        public Builder oversizedBytes(Integer v) { oversizedBytes = v; return this; }
        public Builder ttft(Duration v) { ttft = v; return this; }
        public Builder tps(Double v) { tps = v; return this; }

        public FaultSet build() {
            return new FaultSet(latency, spikeRate, spike, errorRate, errorStatus, errorAfterTokens, retryAfter, retryAfterFormat,
                    rpm, tpm, stallRate, stallAfterTokens, stall, dropRate, dropAfterTokens, malformedRate, malformedAfterTokens,
                    truncateRate, oversizedRate, oversizedBytes, ttft, tps);
        }
    }
}
