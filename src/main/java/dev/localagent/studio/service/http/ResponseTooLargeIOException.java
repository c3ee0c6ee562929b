package dev.localagent.studio.service.http;

import java.io.IOException;

/** A response body grew past the configured limit; reading stopped there and the connection is discarded. */
public final class ResponseTooLargeIOException extends IOException {

    private final long limitBytes;

    public ResponseTooLargeIOException(long limitBytes) {
        super("response body exceeded the limit of " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
