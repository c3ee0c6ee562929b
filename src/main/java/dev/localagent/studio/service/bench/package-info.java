/**
 * The benchmark engine: load models (closed and open loop), scenarios, latency histograms and the
 * report. Headless; the Benchmark tab and {@code studio bench} both drive it through
 * {@link dev.localagent.studio.service.bench.BenchEngine}.
 *
 * <p>Definitions follow vLLM's {@code bench serve}: TTFT is send to first token; ITL is every gap
 * between consecutive tokens; TPOT is a request's (E2E − TTFT) / (output tokens − 1). In an
 * open-loop run every latency is measured from the intended send time (coordinated omission
 * corrected, as wrk2 does); {@code e2eUncorrected} keeps the figure from the actual send.
 */
package dev.localagent.studio.service.bench;
