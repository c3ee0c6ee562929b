package dev.localagent.studio.service.provider.wire;

import dev.localagent.studio.service.provider.ErrorOrigin;
import dev.localagent.studio.service.provider.MalformedStreamException;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.provider.ResponseTooLargeException;
import dev.localagent.studio.service.provider.TruncatedStreamException;
import java.time.Clock;

/** Makes the typed errors a stream decoder raises, each naming the provider. Immutable. */
public final class StreamErrors {

    private final String providerId;
    private final String secret;

    public StreamErrors(String providerId, String secret) {
        this.providerId = providerId;
        this.secret = secret;
    }

    public String providerId() {
        return providerId;
    }

    /** An error frame inside a 200 stream, typed by what the frame says. */
    public ProviderException inStream(ErrorFields fields) {
        ErrorOrigin origin = new ErrorOrigin(providerId, 200, redact(fields.message()), true);
        return ErrorClassifier.classify(origin, fields, name -> null, Clock.systemUTC());
    }

    /** An error document that came as a whole 2xx body rather than inside a stream. */
    public ProviderException inBody(ErrorFields fields) {
        ErrorOrigin origin = new ErrorOrigin(providerId, 200, redact(fields.message()), false);
        return ErrorClassifier.classify(origin, fields, name -> null, Clock.systemUTC());
    }

    /**
     * An SSE event named {@code error} (Perplexity's {@code event: error}, llama.cpp's
     * {@code error:} field): its data is an error document, a bare error object, or plain text.
     */
    public ProviderException errorEvent(String data) {
        ErrorFields fields = null;
        try {
            com.fasterxml.jackson.databind.JsonNode node = WireJson.tree(data);
            if (node != null && node.isObject()) {
                fields = node.has("error") ? ErrorFields.from(node) : ErrorFields.fromErrorValue(node);
            }
        } catch (java.io.IOException notJson) {
            // plain text: its words are all there is
        }
        return inStream(fields == null ? ErrorFields.message(data) : fields);
    }

    public MalformedStreamException malformed(String frame, Throwable cause) {
        String shown = frame.length() > 80 ? frame.substring(0, 80) + "…" : frame;
        return new MalformedStreamException(new ErrorOrigin(providerId, 0, "cannot read frame " + redact(shown), true), cause);
    }

    public TruncatedStreamException truncated(String expected) {
        return new TruncatedStreamException(new ErrorOrigin(providerId, 0, "the stream ended without " + expected, true));
    }

    public ResponseTooLargeException frameTooLarge(long limit, Throwable cause) {
        return new ResponseTooLargeException(new ErrorOrigin(providerId, 0, "one frame exceeded the limit", true), limit, cause);
    }

    private String redact(String message) {
        return message == null || secret == null || secret.isEmpty() ? message : message.replace(secret, "***");
    }
}
