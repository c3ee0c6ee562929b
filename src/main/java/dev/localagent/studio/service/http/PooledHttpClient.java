package dev.localagent.studio.service.http;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one Apache HttpClient 5 classic client every provider sends through, over a connection pool
 * with per-route limits, keep-alive, background eviction of expired and idle connections, and a
 * DNS cache. Blocking calls are meant to run on virtual threads. Thread-safe.
 */
public final class PooledHttpClient implements AutoCloseable {

    private final HttpClientSettings settings;
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    private final CachingDnsResolver dns;
    private final HttpClientStats stats = new HttpClientStats();
    private final Map<HttpHost, RouteSettings> routes = new ConcurrentHashMap<>();
    private final Set<HttpUriRequestBase> inFlight = ConcurrentHashMap.newKeySet();
    private final List<RouteListener> routeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closing;

    /** Told about each route as it is configured, so per-route meters can follow. */
    interface RouteListener {
        void routeAdded(String route, HttpHost host);
    }

    public PooledHttpClient(HttpClientSettings settings) {
        this(settings, CachingDnsResolver.system(settings.dnsCacheTtl()));
    }

    /** One immutable request config per lease timeout: building one per request showed in the profile. */
    private final Map<java.time.Duration, RequestConfig> requestConfigs = new ConcurrentHashMap<>();

    public PooledHttpClient(HttpClientSettings settings, CachingDnsResolver dns) {
        this.settings = settings;
        this.dns = dns;
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(dns)
                .setMaxConnTotal(settings.maxTotalConnections())
                .setMaxConnPerRoute(RouteSettings.DEFAULT.maxConnections())
                .setConnectionFactory(new CountingConnectionFactory(stats))
                .setConnectionConfigResolver(route -> connectionConfig(routeSettings(route.getTargetHost())))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.of(settings.idleEviction()))
                // Retries are the resilience layer's decision, made with the provider's error in hand.
                .disableAutomaticRetries()
                .disableCookieManagement()
                // No NTLM or client certificates here, so connections carry no user state to
                // look up per request (about 1 % of the client's CPU under benchmark load).
                .disableConnectionState()
                .build();
    }

    public HttpClientSettings settings() {
        return settings;
    }

    /** Applies a provider's limits to the host its base URL names. Later calls for the same host replace the limits. */
    public void configureRoute(URI baseUrl, RouteSettings route) {
        HttpHost host = withDefaultPort(HttpHost.create(baseUrl));
        RouteSettings previous = routes.put(host, route);
        pool.setMaxPerRoute(new HttpRoute(host), route.maxConnections());
        if (previous == null) {
            routeListeners.forEach(l -> l.routeAdded(host.toURI(), host));
        }
    }

    /**
     * {@code https://api.openai.com/v1} names no port; the pool's routes (and the host the
     * connection-config resolver is asked about) always carry one, so the key must too.
     */
    static HttpHost withDefaultPort(HttpHost host) {
        if (host.getPort() >= 0) {
            return host;
        }
        int port = "https".equalsIgnoreCase(host.getSchemeName()) ? 443 : 80;
        return new HttpHost(host.getSchemeName(), host.getHostName(), port);
    }

    void addRouteListener(RouteListener listener) {
        routeListeners.add(listener);
        routes.keySet().forEach(h -> listener.routeAdded(h.toURI(), h));
    }

    private RouteSettings routeSettings(HttpHost host) {
        return routes.getOrDefault(host, RouteSettings.DEFAULT);
    }

    private static RequestConfig requestConfig(java.time.Duration leaseTimeout) {
        // No response timeout, not even "disabled": with one set, HttpClient writes it to the
        // connection's socket before every request; without, the connection keeps the socket
        // timeout its ConnectionConfig gave it (none; the watchdog enforces the phase limits).
        return RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(leaseTimeout))
                .build();
    }

    private static ConnectionConfig connectionConfig(RouteSettings route) {
        return ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(route.connectTimeout()))
                // No per-read timeout: on a virtual thread each timed read schedules and cancels a
                // timer task, about a fifth of the client's CPU per request under benchmark load.
                // The call's watchdog aborts an exchange whose phase limit passes instead.
                .setSocketTimeout(Timeout.DISABLED)
                .setTimeToLive(TimeValue.of(route.timeToLive()))
                .build();
    }

    /**
     * Sends the call and returns once the response head has arrived; the body is read from the
     * returned exchange, which must be closed.
     *
     * @throws IOException when no response arrived: connect failure, timeout, reset, or cancellation
     * @throws IllegalStateException after {@link #close()} has begun
     */
    public HttpExchange send(HttpCall call) throws IOException {
        return send(call, request -> {});
    }

    /**
     * Like {@link #send(HttpCall)}, handing the cancellable request to {@code onRequest} before it
     * is sent, so a caller can abort it while it connects or waits for the response head.
     */
    public HttpExchange send(HttpCall call, java.util.function.Consumer<Cancellable> onRequest) throws IOException {
        if (closing) {
            throw new IllegalStateException("the HTTP client is closed");
        }
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.uri());
        // The names are a map's keys, so each is new: adding skips setHeader's search for an old value.
        call.headers().forEach(request::addHeader);
        if (call.body() != null) {
            request.setEntity(new ByteArrayEntity(call.body(), ContentType.APPLICATION_JSON));
        }
        request.setConfig(requestConfigs.computeIfAbsent(call.route().leaseTimeout(), PooledHttpClient::requestConfig));
        inFlight.add(request);
        stats.recordRequest(call.bodyLength());
        onRequest.accept(request::cancel);
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            return new HttpExchange(request, response, stats, settings.maxResponseBytes(), () -> inFlight.remove(request));
        } catch (IOException | RuntimeException e) {
            inFlight.remove(request);
            stats.recordFailure();
            if (request.isCancelled()) {
                stats.recordCancelled();
            }
            throw e;
        }
    }

    /** Something that can be aborted from another thread. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    /** True once {@link #close()} has begun: exchanges aborted from now on were cancelled by the shutdown. */
    public boolean isClosing() {
        return closing;
    }

    /** Counts an exchange that failed after its response head arrived (a broken or cancelled stream). */
    public void recordStreamFailure(boolean cancelled) {
        stats.recordFailure();
        if (cancelled) {
            stats.recordCancelled();
        }
    }

    public HttpClientSnapshot snapshot() {
        List<HttpClientSnapshot.RouteStats> perRoute = new ArrayList<>();
        for (HttpRoute route : pool.getRoutes()) {
            perRoute.add(routeStats(route.getTargetHost().toURI(), pool.getStats(route)));
        }
        perRoute.sort(Comparator.comparing(HttpClientSnapshot.RouteStats::route));
        return new HttpClientSnapshot(stats.requests.sum(), stats.failures.sum(), stats.cancelled.sum(), stats.bytesSent.sum(),
                stats.bytesReceived.sum(), stats.connectionsOpened.sum(), dns.stats(), perRoute,
                routeStats("total", pool.getTotalStats()), inFlight.size());
    }

    /** The pool's state for one host, even before any connection was made to it. */
    HttpClientSnapshot.RouteStats routeStats(HttpHost host) {
        HttpRoute route = new HttpRoute(host);
        return routeStats(host.toURI(), pool.getStats(route));
    }

    private static HttpClientSnapshot.RouteStats routeStats(String name, PoolStats s) {
        return new HttpClientSnapshot.RouteStats(name, s.getLeased(), s.getAvailable(), s.getPending(), s.getMax());
    }

    /** Connections currently handed out; 0 whenever no exchange is open. */
    public int leasedConnections() {
        return pool.getTotalStats().getLeased();
    }

    /** Closes pooled idle connections now (tests use it to force new connections). */
    public void closeIdleConnections() {
        pool.closeIdle(TimeValue.ZERO_MILLISECONDS);
    }

    /**
     * Stops taking calls, lets in-flight exchanges finish for the grace period, cancels the rest,
     * then closes the pool. Safe to call more than once.
     */
    @Override
    public void close() {
        if (closing && pool.isClosed()) {
            return;
        }
        closing = true;
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(Duration.ofMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        inFlight.forEach(HttpUriRequestBase::cancel);
        client.close(CloseMode.GRACEFUL);
        pool.close(CloseMode.IMMEDIATE);
    }

    /** Counts each new connection so reuse can be told from opening. */
    private record CountingConnectionFactory(HttpClientStats stats) implements HttpConnectionFactory<ManagedHttpClientConnection> {
        @Override
        public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
            stats.recordConnectionOpened();
            return ManagedHttpClientConnectionFactory.INSTANCE.createConnection(socket);
        }

        @Override
        public ManagedHttpClientConnection createConnection(SSLSocket sslSocket, Socket socket) throws IOException {
            stats.recordConnectionOpened();
            return ManagedHttpClientConnectionFactory.INSTANCE.createConnection(sslSocket, socket);
        }
    }
}
