package dev.localagent.studio.service.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.apache.hc.core5.http.HttpHost;

/**
 * Publishes the pooled client's counters and the pool's per-route state as Micrometer meters, the
 * same ones the dashboard and a Prometheus scrape read. Meters for routes configured later are
 * added as they appear.
 */
public final class HttpClientMeters implements MeterBinder {

    private final PooledHttpClient client;

    public HttpClientMeters(PooledHttpClient client) {
        this.client = client;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "studio.http.requests", "Exchanges started", s -> s.requests());
        counter(registry, "studio.http.failures", "Exchanges that failed or were cancelled", s -> s.failures());
        counter(registry, "studio.http.bytes.sent", "Request body bytes", s -> s.bytesSent());
        counter(registry, "studio.http.bytes.received", "Response body bytes", s -> s.bytesReceived());
        counter(registry, "studio.http.connections.opened", "New connections", s -> s.connectionsOpened());
        counter(registry, "studio.http.connections.reused", "Exchanges on a pooled connection", s -> s.connectionsReused());
        Gauge.builder("studio.http.dns.hit.ratio", client, c -> c.snapshot().dns().hitRate())
                .description("Share of DNS lookups served from the cache").register(registry);
        Gauge.builder("studio.http.inflight", client, c -> c.snapshot().inFlight()).register(registry);
        routeGauges(registry, "total", null);
        client.addRouteListener((route, host) -> routeGauges(registry, route, host));
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<HttpClientSnapshot> read) {
        FunctionCounter.builder(name, client, c -> read.applyAsDouble(c.snapshot())).description(description).register(registry);
    }

    private void routeGauges(MeterRegistry registry, String route, HttpHost host) {
        Tags tags = Tags.of("route", route);
        gauge(registry, "studio.http.pool.leased", tags, host, HttpClientSnapshot.RouteStats::leased);
        gauge(registry, "studio.http.pool.available", tags, host, HttpClientSnapshot.RouteStats::available);
        gauge(registry, "studio.http.pool.pending", tags, host, HttpClientSnapshot.RouteStats::pending);
        gauge(registry, "studio.http.pool.max", tags, host, HttpClientSnapshot.RouteStats::max);
    }

    private void gauge(MeterRegistry registry, String name, Tags tags, HttpHost host,
            java.util.function.ToIntFunction<HttpClientSnapshot.RouteStats> read) {
        Gauge.builder(name, client, c -> read.applyAsInt(host == null ? c.snapshot().total() : c.routeStats(host)))
                .tags(tags).register(registry);
    }
}
