package dev.localagent.studio.service.provider;

/** The body was not what the protocol promised, typically an HTML page from a proxy where JSON was expected. */
public final class UnexpectedContentException extends ProtocolException {

    public UnexpectedContentException(ErrorOrigin origin) {
        super(origin, "unexpected content where JSON was expected", null);
    }

    @Override
    public boolean retryable() {
        return origin().httpStatus() >= 500;
    }
}
