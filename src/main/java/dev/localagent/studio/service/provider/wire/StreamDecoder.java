package dev.localagent.studio.service.provider.wire;

/**
 * A vendor's incremental reader of a streamed body: fed bytes as they arrive, in pieces of any
 * size, it hands text and metadata to a {@link ReplyAccumulator}. Failures are
 * {@link dev.localagent.studio.service.provider.ProviderException}s: an error frame inside the
 * stream, a malformed frame, a frame past the size limit, or (from {@link #finish()}) a stream that
 * ended before its protocol said it was done. Not thread-safe; one per stream.
 */
public interface StreamDecoder {

    void feed(byte[] bytes, int offset, int count);

    /** The body ended; checks that the protocol's end was seen. */
    void finish();

    /** Bytes or chars held for an unfinished frame, for memory-bound checks. */
    int bufferedBytes();
}
