/**
 * Machinery the vendor packages share and callers never need: incremental line and SSE framing,
 * the reply accumulator, client timings, phase deadlines, error classification and the call
 * runner on the pooled client. The public face is {@code service.provider}.
 */
package dev.localagent.studio.service.provider.wire;
