package dev.localagent.studio.service.provider;

import java.util.Objects;

/**
 * Where an error came from: which provider, the HTTP status (0 when no response arrived), the
 * provider's own message (already cleared of secrets), and whether it arrived inside a stream
 * whose 200 had already been sent.
 */
public record ErrorOrigin(String providerId, int httpStatus, String providerMessage, boolean midStream) {

    public ErrorOrigin {
        Objects.requireNonNull(providerId, "providerId");
    }

    /** An error found on our side of the wire, with no HTTP status. */
    public static ErrorOrigin local(String providerId, String detail) {
        return new ErrorOrigin(providerId, 0, detail, false);
    }

    public ErrorOrigin inStream() {
        return new ErrorOrigin(providerId, httpStatus, providerMessage, true);
    }
}
