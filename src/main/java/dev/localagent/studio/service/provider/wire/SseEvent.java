package dev.localagent.studio.service.provider.wire;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field, {@code message} when absent; {@code error} also for
 *     llama.cpp's non-standard {@code error:} field
 * @param data the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {

    public boolean isError() {
        return "error".equals(event);
    }
}
