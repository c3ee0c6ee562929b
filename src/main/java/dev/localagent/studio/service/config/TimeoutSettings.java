package dev.localagent.studio.service.config;

/**
 * One timeout per phase of a call, in milliseconds.
 *
 * @param connectMs establishing the TCP (and TLS) connection
 * @param firstTokenMs from sending the request to the first token of the reply
 * @param idleMs the longest gap between two chunks of a streamed reply
 * @param totalMs the whole call, end to end
 */
public record TimeoutSettings(long connectMs, long firstTokenMs, long idleMs, long totalMs) {

    public static final TimeoutSettings DEFAULT = new TimeoutSettings(5_000, 60_000, 30_000, 300_000);
}
