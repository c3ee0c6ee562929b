package dev.localagent.studio.service.provider;

/**
 * The stream ended cleanly at the TCP level but before its protocol said it was done (no
 * {@code [DONE]}, no {@code "done":true}, no Gemini {@code finishReason}). Retryable.
 */
public final class TruncatedStreamException extends ProtocolException {

    public TruncatedStreamException(ErrorOrigin origin) {
        super(origin, "truncated stream", null);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
