package dev.localagent.studio.service.provider;

/**
 * The provider's bytes did not follow its protocol: a malformed or truncated stream, HTML where
 * JSON was expected, or a body past the size limit.
 */
public abstract sealed class ProtocolException extends ProviderException
        permits MalformedStreamException, TruncatedStreamException, UnexpectedContentException, ResponseTooLargeException {

    protected ProtocolException(ErrorOrigin origin, String what, Throwable cause) {
        super(origin, what, cause);
    }
}
