package dev.localagent.studio.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.model.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationArchiveTest {

    @TempDir
    Path dir;

    @Test
    void exportingThenImportingGivesTheSameConversation() throws Exception {
        try (ConversationStore store = ConversationStore.open(dir.resolve("studio.db"), Clock.systemUTC())) {
            Conversation original = store.create("Pools and breakers", "sim-openai", "gpt-4o-mini");
            store.append(original.id(), Role.USER, null, null, "What is a pool?", StoredMessage.State.DONE);
            StoredMessage reply = store.append(original.id(), Role.ASSISTANT, "sim-openai", "gpt-4o-mini", "", StoredMessage.State.STREAMING);
            store.update(reply.id(), "A pool **keeps** connections.\n\n```java\npool.get();\n```", StoredMessage.State.DONE, null,
                    List.of("in 12 · out 40 tokens", "$0.00003"));
            StoredMessage failed = store.append(original.id(), Role.ASSISTANT, "sim-openai", "gpt-4o-mini", "Half", StoredMessage.State.STREAMING);
            store.update(failed.id(), "Half", StoredMessage.State.FAILED, "sim-openai: server error (HTTP 500)", List.of());
            String json = ConversationArchive.toJson(original, store.messages(original.id()));

            Conversation imported = ConversationArchive.importJson(json, store);

            assertThat(imported.id()).isNotEqualTo(original.id());
            assertThat(imported.title()).isEqualTo(original.title());
            assertThat(imported.providerId()).isEqualTo("sim-openai");
            assertThat(store.messages(imported.id())).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id", "conversationId", "createdAt")
                    .containsExactlyElementsOf(store.messages(original.id()));
        }
    }

    @Test
    void markdownReadsLikeTheConversation() throws Exception {
        try (ConversationStore store = ConversationStore.open(dir.resolve("studio.db"), Clock.systemUTC())) {
            Conversation c = store.create("Pools", "sim-ollama", "llama3.2");
            store.append(c.id(), Role.USER, null, null, "What is a pool?", StoredMessage.State.DONE);
            StoredMessage reply = store.append(c.id(), Role.ASSISTANT, "sim-ollama", "llama3.2", "", StoredMessage.State.STREAMING);
            store.update(reply.id(), "It keeps connections.", StoredMessage.State.DONE, null, List.of("TTFT 80 ms"));

            assertThat(ConversationArchive.toMarkdown(c, store.messages(c.id()))).isEqualTo("""
                    # Pools

                    ## You

                    What is a pool?

                    ## sim-ollama (llama3.2)

                    It keeps connections.

                    _TTFT 80 ms_

                    """);
        }
    }

    @Test
    void aFileThatIsNotAConversationIsRefusedWithAReason() throws Exception {
        try (ConversationStore store = ConversationStore.open(dir.resolve("studio.db"), Clock.systemUTC())) {
            assertThatThrownBy(() -> ConversationArchive.importJson("{nope", store)).hasMessage("not a conversation file: it is not valid JSON");
            assertThatThrownBy(() -> ConversationArchive.importJson("{\"format\":\"other\"}", store))
                    .hasMessageContaining("\"format\" is not \"localagent-studio.conversation\"");
            assertThatThrownBy(() -> ConversationArchive.importJson(
                    "{\"format\":\"localagent-studio.conversation\",\"version\":1,\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", store))
                    .hasMessage("not a conversation file: message 1 needs a role and a content");
            assertThat(store.list()).as("nothing half-imported").isEmpty();
        }
    }
}
