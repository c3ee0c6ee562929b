package dev.localagent.studio.ui.chat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.provider.AuthenticationException;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.CancelledException;
import dev.localagent.studio.service.provider.ModelInfo;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.resilience.CallFailedException;
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.store.Conversation;
import dev.localagent.studio.service.store.StoredMessage;
import dev.localagent.studio.ui.common.TextBatcher;
import dev.localagent.studio.service.config.AtomicFileWriter;
import dev.localagent.studio.service.store.ConversationArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat playground without any node: the provider and model to ask, the conversation, and the
 * send and stop actions. Calls go through the provider's pipeline on a background thread; the
 * reply's text reaches the FX thread in batches. Testable without a window.
 */
public final class ChatViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ChatViewModel.class);

    /** Whether a reply is on its way. */
    public enum State {
        IDLE,
        SENDING
    }

    private final Studio studio;
    private final Executor background;
    private final Executor fx;
    private final Duration batchInterval;
    private final ObservableList<String> providers = FXCollections.observableArrayList();
    // Read-only views are kept in fields: a wrapper made per call holds the view's listeners and is
    // only weakly reachable from the list it wraps, so the garbage collector would drop them.
    private final ObservableList<String> providersView = FXCollections.unmodifiableObservableList(providers);
    private final ObjectProperty<String> provider = new SimpleObjectProperty<>();
    private final StringProperty model = new SimpleStringProperty("");
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObservableList<String> modelsView = FXCollections.unmodifiableObservableList(models);
    private final StringProperty systemPrompt = new SimpleStringProperty("");
    private final StringProperty prompt = new SimpleStringProperty("");
    private final ObservableList<ChatMessageItem> messages = FXCollections.observableArrayList();
    private final ObservableList<ChatMessageItem> messagesView = FXCollections.unmodifiableObservableList(messages);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    private final ObservableList<Conversation> conversationsView = FXCollections.unmodifiableObservableList(conversations);
    private final ObjectProperty<Conversation> current = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper conversationCost = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper archiveMessage = new ReadOnlyStringWrapper("");
    private final java.util.concurrent.atomic.AtomicLong estimateRound = new java.util.concurrent.atomic.AtomicLong();
    private volatile CancelSignal cancel = new CancelSignal();
    private Runnable openSettings = () -> { };

    /**
     * @param background where calls run
     * @param fx where results are published ({@code Platform::runLater}; {@code Runnable::run} in tests)
     * @param batchInterval how often streamed text is handed to the FX thread
     */
    public ChatViewModel(Studio studio, Executor background, Executor fx, Duration batchInterval) {
        this.studio = studio;
        this.background = background;
        this.fx = fx;
        this.batchInterval = batchInterval;
        providers.setAll(studio.config().providers().stream().filter(ProviderConfig::enabled).map(ProviderConfig::id).toList());
        provider.addListener((obs, old, now) -> providerChosen(now));
        provider.set(providers.isEmpty() ? null : providers.getFirst());
        search.addListener((obs, old, now) -> refreshConversations());
        prompt.addListener((obs, old, now) -> reestimate());
        model.addListener((obs, old, now) -> reestimate());
        systemPrompt.addListener((obs, old, now) -> reestimate());
        background.execute(this::reopenLatest);
    }

    /** Where the user left off: the most recent conversation, with its messages. */
    private void reopenLatest() {
        try {
            List<Conversation> all = studio.conversations().list();
            fx.execute(() -> conversations.setAll(all));
            if (!all.isEmpty()) {
                load(all.getFirst());
            }
        } catch (SQLException e) {
            LOG.warn("Stored conversations could not be read: {}", e.getMessage());
        }
    }

    private void providerChosen(String id) {
        models.clear();
        if (id == null) {
            return;
        }
        studio.config().provider(id).ifPresent(p -> model.set(p.defaultModel()));
        background.execute(() -> {
            try {
                List<String> names = studio.pipelines().pipeline(id).listModels().stream().map(ModelInfo::id).toList();
                fx.execute(() -> {
                    if (id.equals(provider.get())) {
                        models.setAll(names);
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> models.clear()); // not answering: the model stays as typed
            }
        });
    }

    public ObservableList<String> providers() {
        return providersView;
    }

    public ObjectProperty<String> providerProperty() {
        return provider;
    }

    public StringProperty modelProperty() {
        return model;
    }

    /** The models the chosen provider lists; empty while loading or when it does not answer. */
    public ObservableList<String> models() {
        return modelsView;
    }

    public StringProperty systemPromptProperty() {
        return systemPrompt;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public ObservableList<ChatMessageItem> messages() {
        return messagesView;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the conversation on screen has cost so far, from the spend records; empty for a new one. */
    public ReadOnlyStringProperty conversationCostProperty() {
        return conversationCost.getReadOnlyProperty();
    }

    private void showConversationCost(String conversationId) {
        if (conversationId == null) {
            fx.execute(() -> conversationCost.set(""));
            return;
        }
        String shown = "This conversation: " + ReplyFacts.usd(studio.cacheAndCosts().ledger().spentOnConversation(conversationId));
        fx.execute(() -> conversationCost.set(shown));
    }

    /** The tokens and input cost of what Send would send now, as you type; empty for an empty prompt. */
    public ReadOnlyStringProperty estimateProperty() {
        return estimate.getReadOnlyProperty();
    }

    /** Counts on a background thread; only the newest count is shown, so fast typing never queues stale ones. */
    private void reestimate() {
        String text = prompt.get() == null ? "" : prompt.get().strip();
        String providerId = provider.get();
        long round = estimateRound.incrementAndGet();
        if (text.isEmpty() || providerId == null) {
            estimate.set("");
            return;
        }
        ChatRequest request = request(providerId, text);
        ProviderKind kind = studio.config().provider(providerId).map(ProviderConfig::kind).orElse(ProviderKind.OPENAI);
        background.execute(() -> {
            if (round != estimateRound.get()) {
                return;
            }
            String shown = SendEstimate.of(studio.cacheAndCosts(), kind, request);
            fx.execute(() -> {
                if (round == estimateRound.get()) {
                    estimate.set(shown);
                }
            });
        });
    }

    /** Stored conversations, pinned first, filtered by {@link #searchProperty()}. */
    public ObservableList<Conversation> conversations() {
        return conversationsView;
    }

    /** The conversation on screen, or null for a new one not yet saved. */
    public ObjectProperty<Conversation> currentProperty() {
        return current;
    }

    /** Text to look for in titles and messages; empty lists every conversation. */
    public StringProperty searchProperty() {
        return search;
    }

    /** Shows a stored conversation (does nothing while a reply is on its way). */
    public void open(Conversation conversation) {
        if (state.get() == State.SENDING || conversation == null) {
            return;
        }
        background.execute(() -> load(conversation));
    }

    /** Deletes a stored conversation and its messages; if it is on screen, starts a new one. */
    public void delete(Conversation conversation) {
        if (conversation.equals(current.get())) {
            newChat();
        }
        background.execute(() -> {
            try {
                studio.conversations().delete(conversation.id());
            } catch (SQLException e) {
                LOG.warn("Conversation not deleted: {}", e.getMessage());
            }
            refreshConversations();
        });
    }

    /** Renames a stored conversation; a blank title is ignored. */
    public void rename(Conversation conversation, String title) {
        String clean = title == null ? "" : title.strip();
        if (clean.isEmpty()) {
            return;
        }
        storeAndRefresh(conversation, () -> studio.conversations().rename(conversation.id(), clean));
    }

    /** A short report of the last export or import, for the user; empty until there is one. */
    public ReadOnlyStringProperty archiveMessageProperty() {
        return archiveMessage.getReadOnlyProperty();
    }

    /** Writes a stored conversation to a file, as Markdown or as JSON that imports back. */
    public void export(Conversation conversation, Path file, boolean markdown) {
        background.execute(() -> {
            try {
                List<StoredMessage> stored = studio.conversations().messages(conversation.id());
                String text = markdown ? ConversationArchive.toMarkdown(conversation, stored) : ConversationArchive.toJson(conversation, stored);
                AtomicFileWriter.writeString(file, text);
                fx.execute(() -> archiveMessage.set("Exported \"" + conversation.title() + "\" to " + file.getFileName() + "."));
            } catch (IOException | SQLException e) {
                fx.execute(() -> archiveMessage.set("Could not export to " + file + ": " + e.getMessage()));
            }
        });
    }

    /** Reads a conversation file written by {@link #export} and opens it as a new conversation. */
    public void importFrom(Path file) {
        background.execute(() -> {
            try {
                Conversation imported = ConversationArchive.importJson(Files.readString(file), studio.conversations());
                fx.execute(() -> archiveMessage.set("Imported \"" + imported.title() + "\"."));
                refreshConversations();
                load(imported);
            } catch (IOException | SQLException | IllegalArgumentException e) {
                fx.execute(() -> archiveMessage.set("Could not import " + file.getFileName() + ": " + e.getMessage()));
            }
        });
    }

    /** Pinned conversations stay at the top of the list. */
    public void pin(Conversation conversation, boolean pinned) {
        storeAndRefresh(conversation, () -> studio.conversations().pin(conversation.id(), pinned));
    }

    @FunctionalInterface
    private interface StoreChange {
        void apply() throws SQLException;
    }

    private void storeAndRefresh(Conversation conversation, StoreChange change) {
        background.execute(() -> {
            try {
                change.apply();
                if (conversation.equals(current.get())) {
                    studio.conversations().find(conversation.id()).ifPresent(updated -> fx.execute(() -> current.set(updated)));
                }
            } catch (SQLException e) {
                LOG.warn("Conversation not changed: {}", e.getMessage());
            }
            refreshConversations();
        });
    }

    private void load(Conversation conversation) {
        try {
            List<ChatMessageItem> items = studio.conversations().messages(conversation.id()).stream().map(ChatViewModel::shown).toList();
            showConversationCost(conversation.id());
            fx.execute(() -> {
                current.set(conversation);
                messages.setAll(items);
                if (conversation.providerId() != null && providers.contains(conversation.providerId())) {
                    provider.set(conversation.providerId());
                }
                if (conversation.model() != null) {
                    model.set(conversation.model());
                }
            });
        } catch (SQLException e) {
            LOG.warn("Conversation {} could not be read: {}", conversation.id(), e.getMessage());
        }
    }

    private static ChatMessageItem shown(StoredMessage m) {
        ChatMessageItem.State shownState = switch (m.state()) {
            case DONE -> ChatMessageItem.State.DONE;
            case STOPPED -> ChatMessageItem.State.STOPPED;
            case FAILED -> ChatMessageItem.State.FAILED;
            case STREAMING, INCOMPLETE -> ChatMessageItem.State.INCOMPLETE;
        };
        ChatMessageItem item = new ChatMessageItem(m.role(), m.providerId(), m.content(), shownState);
        item.storedId(m.id());
        item.facts().setAll(m.facts());
        item.remedyProperty().set(shownState == ChatMessageItem.State.DONE ? ChatMessageItem.Remedy.NONE : ChatMessageItem.Remedy.RETRY);
        item.errorProperty().set(shownState == ChatMessageItem.State.INCOMPLETE
                ? "Incomplete: the app closed while this reply was streaming; the text is what had arrived."
                : m.error());
        return item;
    }

    private void refreshConversations() {
        String text = search.get() == null ? "" : search.get().strip();
        background.execute(() -> {
            try {
                List<Conversation> found = text.isEmpty() ? studio.conversations().list() : studio.conversations().search(text);
                fx.execute(() -> conversations.setAll(found));
            } catch (SQLException e) {
                LOG.warn("Conversations could not be listed: {}", e.getMessage());
            }
        });
    }

    /** Sends the prompt with the conversation so far. Does nothing while a reply is on its way or the prompt is blank. */
    public void send() {
        String text = prompt.get() == null ? "" : prompt.get().strip();
        String providerId = provider.get();
        if (text.isEmpty() || providerId == null || state.get() == State.SENDING) {
            return;
        }
        ChatRequest request = request(providerId, text);
        ChatMessageItem reply = new ChatMessageItem(Role.ASSISTANT, providerId, "", ChatMessageItem.State.STREAMING);
        messages.addAll(new ChatMessageItem(Role.USER, null, text, ChatMessageItem.State.DONE), reply);
        prompt.set("");
        state.set(State.SENDING);
        CancelSignal signal = new CancelSignal();
        cancel = signal;
        TextBatcher batcher = new TextBatcher(fx, batchInterval, reply::append);
        Conversation conversationNow = current.get();
        String modelName = request.model();
        background.execute(() -> {
            ReplySaver saver = new ReplySaver(studio.conversations(), conversationNow, providerId, modelName, text, reply,
                    created -> fx.execute(() -> current.set(created)));
            try {
                ProviderPipeline pipeline = studio.pipelines().pipeline(providerId);
                PipelineResult answered = pipeline.call(request, piece -> {
                    batcher.add(piece);
                    saver.arrived(piece);
                }, signal, saver.conversationId());
                batcher.flush();
                List<String> facts = ReplyFacts.of(answered);
                saver.finish(answered.result().text(), StoredMessage.State.DONE, null, facts);
                showConversationCost(saver.conversationId());
                fx.execute(() -> {
                    reply.textProperty().set(answered.result().text());
                    reply.facts().setAll(facts);
                    reply.stateProperty().set(ChatMessageItem.State.DONE);
                    state.set(State.IDLE);
                });
            } catch (CallFailedException e) {
                batcher.flush();
                boolean stopped = e.getCause() instanceof CancelledException;
                String why = stopped ? "Stopped; the text so far is kept." : sentence(e.getCause());
                saver.finish(null, stopped ? StoredMessage.State.STOPPED : StoredMessage.State.FAILED, why, List.of());
                ChatMessageItem.Remedy remedy = e.getCause() instanceof AuthenticationException
                        ? ChatMessageItem.Remedy.SETTINGS : ChatMessageItem.Remedy.RETRY;
                List<String> attempts = e.record().attempts() > 1
                        ? List.of(e.record().attempts() + " attempts, " + e.record().retryDelays().size() + " retries")
                        : List.of();
                fx.execute(() -> {
                    finishFailed(reply, stopped, why);
                    reply.facts().setAll(attempts);
                    reply.remedyProperty().set(remedy);
                });
            } catch (RuntimeException e) {
                batcher.flush();
                saver.finish(null, StoredMessage.State.FAILED, sentence(e), List.of());
                fx.execute(() -> {
                    finishFailed(reply, false, sentence(e));
                    reply.remedyProperty().set(ChatMessageItem.Remedy.RETRY);
                });
            }
            refreshConversations();
        });
    }


    private void finishFailed(ChatMessageItem reply, boolean stopped, String why) {
        reply.errorProperty().set(why);
        reply.stateProperty().set(stopped ? ChatMessageItem.State.STOPPED : ChatMessageItem.State.FAILED);
        state.set(State.IDLE);
    }

    /**
     * Asks the question of a failed or stopped reply again, as a new exchange (the failed one stays
     * in the history).
     *
     * @param providerId another provider to ask, or null for the same one
     */
    public void retry(ChatMessageItem failedReply, String providerId) {
        int at = messages.indexOf(failedReply);
        if (at < 1 || state.get() == State.SENDING) {
            return;
        }
        ChatMessageItem question = messages.get(at - 1);
        if (question.role() != Role.USER) {
            return;
        }
        String target = providerId != null ? providerId : failedReply.providerId();
        if (target != null && providers.contains(target) && !target.equals(provider.get())) {
            provider.set(target);
        }
        prompt.set(question.textProperty().get());
        send();
    }

    /** Called when the user asks to fix a provider's settings from a failed reply. */
    public void onOpenSettings(Runnable action) {
        openSettings = action;
    }

    public void openSettings() {
        openSettings.run();
    }

    /** Stops the reply on its way; its text so far stays. */
    public void stop() {
        cancel.cancel();
    }

    /** Starts over with an empty conversation (the current reply, if any, is stopped first). */
    public void newChat() {
        stop();
        if (state.get() == State.IDLE) {
            messages.clear();
            current.set(null);
            conversationCost.set("");
        }
    }

    private ChatRequest request(String providerId, String text) {
        return ChatRequest.builder(model.get() == null || model.get().isBlank() ? defaultModel(providerId) : model.get().strip())
                .systemPrompt(systemPrompt.get() == null || systemPrompt.get().isBlank() ? null : systemPrompt.get())
                .messages(history(text))
                .build();
    }

    private List<ChatMessage> history(String newPrompt) {
        List<ChatMessage> turns = new ArrayList<>();
        for (ChatMessageItem m : messages) {
            if (m.role() == Role.USER || m.stateProperty().get() == ChatMessageItem.State.DONE) {
                turns.add(new ChatMessage(m.role(), m.textProperty().get()));
            }
        }
        turns.add(ChatMessage.user(newPrompt));
        return turns;
    }

    private String defaultModel(String providerId) {
        return studio.config().provider(providerId).map(ProviderConfig::defaultModel).orElse("");
    }

    /** One sentence with the error's class, e.g. {@code sim-openai: server error (HTTP 500) [ServerErrorException]}. */
    static String sentence(Throwable error) {
        String kind = error instanceof ProviderException p ? p.errorClass() : error.getClass().getSimpleName();
        return error.getMessage() + " [" + kind + "]";
    }
}
