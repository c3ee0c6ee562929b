package dev.localagent.studio.service.provider;

/** A frame or body was not valid JSON of the expected shape. Not retryable: the server would likely repeat it. */
public final class MalformedStreamException extends ProtocolException {

    public MalformedStreamException(ErrorOrigin origin, Throwable cause) {
        super(origin, "malformed response", cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
