package dev.localagent.studio.service.cache;

/**
 * A stored entry could not be read back: its bytes are truncated or damaged. The cache treats it
 * as a miss and evicts the entry; it never reaches a caller of {@link ResponseCache}.
 */
final class DamagedCacheEntryException extends IllegalStateException {

    DamagedCacheEntryException(String message) {
        super(message);
    }

    DamagedCacheEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
