package dev.localagent.studio.service.provider.wire;

import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.service.config.TimeoutSettings;
import dev.localagent.studio.service.http.HttpCall;
import dev.localagent.studio.service.http.ExchangeRecorder;
import dev.localagent.studio.service.http.HttpExchange;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.http.ResponseTooLargeIOException;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.CancelledException;
import dev.localagent.studio.service.provider.ConnectionLostException;
import dev.localagent.studio.service.provider.ErrorOrigin;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.provider.ProviderTimeoutException;
import dev.localagent.studio.service.provider.ProviderTimeoutException.Phase;
import dev.localagent.studio.service.provider.RateLimitInfo;
import dev.localagent.studio.service.provider.ResponseTooLargeException;
import dev.localagent.studio.service.provider.UnavailableException;
import dev.localagent.studio.service.provider.UnexpectedContentException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;

/**
 * Runs one provider's exchanges on the pooled client: phase deadlines watched by a virtual
 * thread, cancellation, status and content checks, and every failure turned into its
 * {@link ProviderException} type. The connection is always closed or discarded when a call ends.
 * Thread-safe; one per provider.
 */
public final class ProviderCalls {

    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int READ_BUFFER = 8 * 1024;

    private final String providerId;
    private final PooledHttpClient http;
    private final TimeoutSettings timeouts;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final String secret;
    private final List<Consumer<RateLimitInfo>> limitListeners = new CopyOnWriteArrayList<>();

    /** @param secret the API key, removed from any provider message quoted in an error; may be null */
    public ProviderCalls(String providerId, PooledHttpClient http, TimeoutSettings timeouts, Clock clock, LongSupplier nanoClock,
            String secret) {
        this.providerId = providerId;
        this.http = http;
        this.timeouts = timeouts;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    public String providerId() {
        return providerId;
    }

    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /** Reads a whole JSON body (a non-streamed reply, a model list) and returns its bytes after the checks. */
    public byte[] fetch(HttpCall call, CancelSignal cancel, TimingRecorder timing) {
        return run(call, cancel, false, timing, (exchange, deadlines) -> {
            byte[] body = readAll(exchange, deadlines);
            if (looksLikeHtml(exchange.mediaType(), body)) {
                throw new UnexpectedContentException(origin(exchange.status(), htmlTitle(body)));
            }
            return body;
        });
    }

    /** Streams a reply through the decoder into the accumulator, and returns the finished result. */
    public ChatResult stream(HttpCall call, String requestedModel, CancelSignal cancel, TimingRecorder timing,
            ReplyAccumulator reply, StreamDecoder decoder) {
        return run(call, cancel, true, timing, (exchange, deadlines) -> {
            InputStream in = exchange.body();
            byte[] buffer = new byte[READ_BUFFER];
            boolean first = true;
            int n;
            ExchangeRecorder recorder = ExchangeRecorder.current();
            while ((n = in.read(buffer)) >= 0) {
                deadlines.bytesArrived(nanoClock.getAsLong());
                if (recorder != null) {
                    recorder.received(buffer, 0, n);
                }
                if (first && n > 0) {
                    first = false;
                    byte[] head = Arrays.copyOf(buffer, n);
                    if (looksLikeHtml(exchange.mediaType(), head)) {
                        throw new UnexpectedContentException(origin(exchange.status(), htmlTitle(head)));
                    }
                }
                decoder.feed(buffer, 0, n);
                if (timing.sawToken()) {
                    deadlines.tokenArrived();
                }
            }
            decoder.finish();
            return reply.toResult(requestedModel, timing.finish());
        });
    }

    /** What to do with a response whose status was 2xx. */
    /** Lets a rate-limit listener hear a successful response's {@code x-ratelimit-remaining-*} headers. */
    public void addRateLimitListener(Consumer<RateLimitInfo> listener) {
        limitListeners.add(listener);
    }

    private void announceLimits(HttpExchange exchange) {
        if (limitListeners.isEmpty()
                || (exchange.header("x-ratelimit-remaining-requests") == null && exchange.header("x-ratelimit-remaining-tokens") == null)) {
            return;
        }
        RateLimitInfo limits = RateLimitHeaders.parse(exchange::header, null, clock);
        limitListeners.forEach(l -> l.accept(limits));
    }

    @FunctionalInterface
    private interface BodyHandler<T> {
        T handle(HttpExchange exchange, CallDeadlines deadlines) throws IOException;
    }

    private <T> T run(HttpCall call, CancelSignal cancel, boolean streaming, TimingRecorder timing, BodyHandler<T> handler) {
        timing.started();
        CallDeadlines deadlines = new CallDeadlines(timeouts, streaming, nanoClock.getAsLong());
        AtomicReference<PooledHttpClient.Cancellable> abort = new AtomicReference<>();
        Runnable abortRequest = () -> {
            PooledHttpClient.Cancellable c = abort.get();
            if (c != null) {
                c.cancel();
            }
        };
        cancel.onCancel(abortRequest);
        HttpExchange exchange = null;
        CallWatchdog.Watch watchdog = null;
        boolean ok = false;
        ExchangeRecorder recorder = ExchangeRecorder.current();
        if (recorder != null) {
            recorder.sending(call, secret);
        }
        String outcome = "failed";
        try {
            if (cancel.isCancelled()) {
                throw new CancelledException(ErrorOrigin.local(providerId, null));
            }
            watchdog = CallWatchdog.watch(deadlines, nanoClock, abortRequest);
            exchange = http.send(call, c -> {
                abort.set(c);
                if (cancel.isCancelled()) {
                    c.cancel();
                }
            });
            timing.firstByte();
            deadlines.bytesArrived(nanoClock.getAsLong());
            if (recorder != null) {
                recorder.responded(exchange.status(), exchange.headers());
            }
            if (exchange.status() / 100 != 2) {
                throw errorResponse(exchange);
            }
            announceLimits(exchange);
            T result = handler.handle(exchange, deadlines);
            ok = true;
            outcome = "complete";
            return result;
        } catch (ProviderException e) {
            outcome = e.getMessage();
            if (cancel.isCancelled()) {
                throw new CancelledException(ErrorOrigin.local(providerId, null), e);
            }
            if (watchdog != null && watchdog.expired() != null) {
                throw timeout(watchdog.expired(), deadlines, e);
            }
            throw e;
        } catch (IOException e) {
            ProviderException translated = translate(e, cancel, watchdog, deadlines, exchange != null);
            outcome = translated.getMessage();
            throw translated;
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) {
                throw new CancelledException(ErrorOrigin.local(providerId, null), e);
            }
            throw e;
        } finally {
            if (recorder != null) {
                recorder.ended(cancel.isCancelled() ? "stopped" : outcome);
            }
            if (watchdog != null) {
                watchdog.close();
            }
            cancel.remove(abortRequest);
            if (exchange != null) {
                if (!ok) {
                    http.recordStreamFailure(cancel.isCancelled());
                }
                exchange.close();
            }
        }
    }

    private ProviderException errorResponse(HttpExchange exchange) throws IOException {
        byte[] body = readBounded(exchange.body());
        ExchangeRecorder recorder = ExchangeRecorder.current();
        if (recorder != null) {
            recorder.received(body, 0, body.length);
        }
        int status = exchange.status();
        if (looksLikeHtml(exchange.mediaType(), body)) {
            // Perplexity's 401 and proxies' 502s are HTML pages: the status still says what happened.
            ErrorOrigin origin = origin(status, "HTML page: " + htmlTitle(body));
            return ErrorClassifier.classify(origin, ErrorFields.NONE, exchange::header, clock);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        ErrorFields fields;
        try {
            fields = ErrorFields.from(WireJson.tree(text));
        } catch (IOException notJson) {
            fields = null;
        }
        if (fields == null) {
            fields = ErrorFields.message(text.isBlank() ? null : text);
        }
        return ErrorClassifier.classify(origin(status, fields.message()), fields, exchange::header, clock);
    }

    /** The typed errors a stream decoder of this provider raises. */
    public StreamErrors streamErrors() {
        return new StreamErrors(providerId, secret);
    }

    private ProviderException translate(IOException e, CancelSignal cancel, CallWatchdog.Watch watchdog, CallDeadlines deadlines,
            boolean responseArrived) {
        if (cancel.isCancelled()) {
            return new CancelledException(ErrorOrigin.local(providerId, null), e);
        }
        if (http.isClosing()) {
            return new CancelledException(ErrorOrigin.local(providerId, "the app is shutting down"), e);
        }
        Phase expired = watchdog == null ? null : watchdog.expired();
        if (expired != null) {
            return timeout(expired, deadlines, e);
        }
        if (e instanceof ResponseTooLargeIOException tooLarge) {
            return new ResponseTooLargeException(ErrorOrigin.local(providerId, null), tooLarge.limitBytes(), e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new ProviderTimeoutException(ErrorOrigin.local(providerId, null), Phase.CONNECT,
                    Duration.ofMillis(timeouts.connectMs()), e);
        }
        if (e instanceof SocketTimeoutException) {
            Phase phase = responseArrived ? Phase.IDLE : Phase.FIRST_TOKEN;
            return timeout(phase, deadlines, e);
        }
        if (e instanceof HttpHostConnectException || e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException) {
            return new UnavailableException(ErrorOrigin.local(providerId, "cannot connect: " + e.getClass().getSimpleName()), e);
        }
        return new ConnectionLostException(new ErrorOrigin(providerId, 0, e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + redact(e.getMessage())), responseArrived), e);
    }

    private ProviderTimeoutException timeout(Phase phase, CallDeadlines deadlines, Throwable cause) {
        return new ProviderTimeoutException(ErrorOrigin.local(providerId, null), phase, deadlines.limitOf(phase), cause);
    }

    private ErrorOrigin origin(int status, String message) {
        return new ErrorOrigin(providerId, status, redact(message), false);
    }

    private String redact(String message) {
        return message == null || secret == null ? message : message.replace(secret, "***");
    }

    /**
     * Reads a whole body. An announced length sizes the array once: a fixed 8 KB scratch buffer
     * and a growing copy per reply were most of the bytes the client allocated per request under
     * benchmark load. A length beyond the response limit is not trusted with an array; the growing
     * path then meets the limit like any other long body.
     */
    private byte[] readAll(HttpExchange exchange, CallDeadlines deadlines) throws IOException {
        InputStream in = exchange.body();
        long announced = exchange.contentLength();
        if (announced >= 0 && announced <= http.settings().maxResponseBytes() && announced < Integer.MAX_VALUE - 8) {
            byte[] body = new byte[(int) announced];
            int filled = 0;
            int n;
            while (filled < body.length && (n = in.read(body, filled, body.length - filled)) >= 0) {
                deadlines.bytesArrived(nanoClock.getAsLong());
                filled += n;
            }
            if (filled < body.length) {
                return java.util.Arrays.copyOf(body, filled); // the client reports a body cut short before this
            }
            if (in.read() >= 0) { // also reads the end, which hands the connection back to the pool
                throw new IOException("the reply was longer than its Content-Length");
            }
            return body;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[READ_BUFFER];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            deadlines.bytesArrived(nanoClock.getAsLong());
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** An error body is read only this far: enough for any real error document, and a hostile one cannot grow memory. */
    private static byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(MAX_ERROR_BODY);
    }

    static boolean looksLikeHtml(String mediaType, byte[] body) {
        if (mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml")) {
            return true;
        }
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '<';
        }
        return false;
    }

    static String htmlTitle(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?is)<title>(.*?)</title>").matcher(text);
        return m.find() ? m.group(1).strip() : "no title";
    }
}
