package dev.localagent.studio.service.store;

import dev.localagent.studio.model.Role;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Run in a child JVM by {@link ConversationStoreTest}: saves a reply as if it were streaming, says
 * so on standard output, and waits to be killed.
 */
public final class StreamingWriterProcess {

    public static void main(String[] args) throws Exception {
        ConversationStore store = ConversationStore.open(Path.of(args[0]), Clock.systemUTC());
        Conversation c = store.create("Killed mid-stream", "sim-openai", "gpt-4o-mini");
        store.append(c.id(), Role.USER, null, null, "Tell me about pools.", StoredMessage.State.DONE);
        StoredMessage reply = store.append(c.id(), Role.ASSISTANT, "sim-openai", "gpt-4o-mini", "", StoredMessage.State.STREAMING);
        store.update(reply.id(), "A connection pool keeps", StoredMessage.State.STREAMING, null, null);
        System.out.println("saved " + c.id());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
