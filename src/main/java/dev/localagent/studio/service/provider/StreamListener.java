package dev.localagent.studio.service.provider;

/** Receives a streamed reply's text as it arrives, on the calling thread. Keep it quick: the next read waits for it. */
@FunctionalInterface
public interface StreamListener {

    StreamListener IGNORE = text -> {};

    /** A piece of the reply's text, never empty. */
    void onText(String text);
}
