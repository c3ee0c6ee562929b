package dev.localagent.studio.ui.chat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.ModelInfo;
import dev.localagent.studio.service.store.Conversation;
import dev.localagent.studio.service.store.StoredMessage;
import dev.localagent.studio.service.store.ThreadMessage;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final ObjectProperty<Conversation> current = new SimpleObjectProperty<>();
    private final ConversationListViewModel conversationList;
    private final ChatParametersViewModel parameters;
    private final ReplyInspectorViewModel inspector;
    private final CompareSettings compare;
    private final LiveEstimate estimate;
    private final ReadOnlyStringWrapper conversationCost = new ReadOnlyStringWrapper("");
    private final ReplyStream replies;
    private volatile CancelSignal cancel = new CancelSignal();
    private Runnable openSettings = () -> { };

    /**
     * How often the app hands a streaming reply's new text to the FX thread (the benchmark uses the
     * same). 20 times a second: at 200 tokens/s about ten tokens, half a line, appear at a time. At
     * 30 ms (33 a second) the FX thread spent 35 % more per stream and the renderer 15 % more, and
     * late frames were twice as frequent (docs/decisions/2026-11-29-chat-send-restyles.md).
     */
    public static final Duration STREAM_BATCH_INTERVAL = Duration.ofMillis(50);

    /**
     * @param background where calls run
     * @param fx where results are published ({@code Platform::runLater}; {@code Runnable::run} in tests)
     * @param batchInterval how often streamed text is handed to the FX thread
     */
    public ChatViewModel(Studio studio, Executor background, Executor fx, Duration batchInterval) {
        this.studio = studio;
        this.background = background;
        this.fx = fx;
        this.replies = new ReplyStream(studio, fx, batchInterval);
        this.estimate = new LiveEstimate(studio.cacheAndCosts(), background, fx);
        providers.setAll(studio.config().providers().stream().filter(ProviderConfig::enabled).map(ProviderConfig::id).toList());
        parameters = new ChatParametersViewModel(studio.conversations(), background, fx);
        inspector = new ReplyInspectorViewModel(background, fx);
        compare = new CompareSettings(studio.config(), providers.size() > 1 ? providers.get(1) : providers.isEmpty() ? null : providers.getFirst());
        provider.addListener((obs, old, now) -> providerChosen(now));
        provider.set(providers.isEmpty() ? null : providers.getFirst());
        prompt.addListener((obs, old, now) -> reestimate());
        model.addListener((obs, old, now) -> {
            estimate.prepare(now);
            reestimate();
        });
        estimate.prepare(model.get());
        systemPrompt.addListener((obs, old, now) -> reestimate());
        conversationList = new ConversationListViewModel(studio.conversations(), background, fx, current, this::load, this::newChat,
                () -> state.get() == State.SENDING);
        background.execute(conversationList::reopenLatest);
    }

    private void providerChosen(String id) {
        models.clear();
        if (id == null) {
            return;
        }
        parameters.kindProperty().set(studio.config().provider(id).map(ProviderConfig::kind).orElse(ProviderKind.OPENAI));
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
        return estimate.textProperty();
    }

    private void reestimate() {
        String text = prompt.get() == null ? "" : prompt.get().strip();
        String providerId = provider.get();
        estimate.update(text.isEmpty() || providerId == null ? null : request(providerId, chosenModel(providerId), turns(text)),
                providerId == null ? null : studio.config().provider(providerId).map(ProviderConfig::kind).orElse(ProviderKind.OPENAI));
    }

    /** The conversation on screen, or null for a new one not yet saved. */
    public ObjectProperty<Conversation> currentProperty() {
        return current;
    }

    /** Temperature, top_p, max output tokens, seed and their presets. */
    public ChatParametersViewModel parameters() {
        return parameters;
    }

    /** Whether Send also asks a second provider or model, side by side. */
    public CompareSettings compare() {
        return compare;
    }

    /** The wire exchange of the reply the user inspects. */
    public ReplyInspectorViewModel inspector() {
        return inspector;
    }

    /** The stored conversations beside the chat. */
    public ConversationListViewModel conversationList() {
        return conversationList;
    }

    private void load(Conversation conversation) {
        try {
            List<ChatMessageItem> items = studio.conversations().activeThread(conversation.id()).stream().map(StoredItems::shown).toList();
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

    /** Sends the prompt with the conversation so far. Does nothing while a reply is on its way or the prompt is blank. */
    public void send() {
        String text = prompt.get() == null ? "" : prompt.get().strip();
        if (text.isEmpty() || !ready()) {
            return;
        }
        ChatMessageItem question = new ChatMessageItem(Role.USER, null, text, ChatMessageItem.State.DONE);
        prompt.set("");
        stream(provider.get(), question, true, ReplySaver.Placement.afterLast());
    }

    /**
     * Asks the question of a reply again, with the provider and model chosen now. The new reply is
     * another branch of that turn; the old one stays reachable with {@link #showBranch}.
     */
    public void regenerate(ChatMessageItem reply) {
        int at = messages.indexOf(reply);
        if (at < 1 || !ready()) {
            return;
        }
        ChatMessageItem question = messages.get(at - 1);
        if (question.role() != Role.USER || question.storedId() == null) {
            return;
        }
        messages.remove(at, messages.size());
        stream(provider.get(), question, false, ReplySaver.Placement.replyTo(question.storedId()));
    }

    /**
     * Sends an edited version of one of the user's questions in place of it: everything after it
     * is replaced on screen by the new exchange, and the old question with its replies stays a
     * branch to go back to. A blank text, or a question not stored yet, changes nothing.
     */
    public void edit(ChatMessageItem question, String newText) {
        String text = newText == null ? "" : newText.strip();
        int at = messages.indexOf(question);
        if (text.isEmpty() || at < 0 || question.role() != Role.USER || question.storedId() == null || !ready()) {
            return;
        }
        String parentId = at == 0 ? null : messages.get(at - 1).storedId();
        if (at > 0 && parentId == null) {
            return;
        }
        messages.remove(at, messages.size());
        ChatMessageItem edited = new ChatMessageItem(Role.USER, null, text, ChatMessageItem.State.DONE);
        stream(provider.get(), edited, true, ReplySaver.Placement.questionUnder(parentId));
    }

    /** Shows the version of a turn {@code step} places away (−1 the previous, +1 the next) and what follows it. */
    public void showBranch(ChatMessageItem item, int step) {
        Conversation conversation = current.get();
        String id = item.storedId();
        if (conversation == null || id == null || state.get() == State.SENDING) {
            return;
        }
        background.execute(() -> {
            try {
                studio.conversations().switchBranch(conversation.id(), id, step);
            } catch (SQLException e) {
                LOG.warn("Branch not switched: {}", e.getMessage());
            }
            load(conversation);
        });
    }

    /** Nothing on its way, a provider chosen, and parameters it accepts (an invalid one is named in {@link ChatParametersViewModel#problemProperty()}). */
    private boolean ready() {
        return state.get() == State.IDLE && provider.get() != null && parameters.sampling() != null;
    }

    /**
     * Streams a reply to {@code question}, saving the exchange where {@code placement} says. A new
     * question ({@code ask}) goes on screen together with its reply, in one change of the list: the
     * conversation's list lays itself out at once on each change of its length (JavaFX's
     * VirtualFlow), so two changes cost two layouts in the frame of the send.
     */
    private void stream(String providerId, ChatMessageItem question, boolean ask, ReplySaver.Placement placement) {
        List<ChatMessage> turns = turns(ask ? question.textProperty().get() : null);
        ChatRequest request = request(providerId, chosenModel(providerId), turns);
        ChatMessageItem reply = new ChatMessageItem(Role.ASSISTANT, providerId, "", ChatMessageItem.State.STREAMING);
        // Compare applies to new questions; a regenerate or an edit asks one provider.
        String otherId = placement.kind() == ReplySaver.Placement.Kind.AFTER_LAST ? compare.activeProvider() : null;
        ChatMessageItem other = otherId == null ? null : new ChatMessageItem(Role.ASSISTANT, otherId, "", ChatMessageItem.State.STREAMING);
        ChatRequest otherRequest = other == null ? null : request(otherId, compare.modelFor(otherId), turns);
        if (other != null) {
            reply.pairWith(other);
        }
        if (ask) {
            messages.addAll(question, reply);
        } else {
            messages.add(reply);
        }
        state.set(State.SENDING);
        CancelSignal signal = new CancelSignal();
        cancel = signal;
        AtomicInteger running = new AtomicInteger(other == null ? 1 : 2);
        Conversation conversationNow = current.get();
        String text = question.textProperty().get();
        background.execute(() -> {
            ReplySaver saver = new ReplySaver(studio.conversations(), conversationNow, placement, providerId, request.model(), question, text,
                    reply, created -> fx.execute(() -> current.set(created)));
            if (other != null) {
                ReplySaver otherSaver = ReplySaver.secondAnswer(studio.conversations(), saver.conversationId(), conversationNow, otherId,
                        otherRequest.model(), question, other);
                background.execute(() -> {
                    replies.run(otherId, otherRequest, other, otherSaver, signal);
                    ended(other, running, saver.conversationId());
                });
            }
            showBranchCounts(saver.conversationId());
            replies.run(providerId, request, reply, saver, signal);
            ended(reply, running, saver.conversationId());
        });
    }

    /** One reply of a send ended; the chat is idle again when all of them have. Background thread. */
    private void ended(ChatMessageItem reply, AtomicInteger running, String conversationId) {
        boolean last = running.decrementAndGet() == 0;
        if (last) {
            showConversationCost(conversationId);
        }
        fx.execute(() -> {
            if (last) {
                state.set(State.IDLE);
            }
            inspector.replyEnded(reply);
        });
        if (last) {
            conversationList.refresh();
        }
    }

    /** Updates the "2/3" branch counters of the messages on screen from the store. Background thread. */
    private void showBranchCounts(String conversationId) {
        if (conversationId == null) {
            return;
        }
        try {
            List<ThreadMessage> thread = studio.conversations().activeThread(conversationId);
            fx.execute(() -> StoredItems.showBranchCounts(thread, messages));
        } catch (SQLException e) {
            LOG.warn("Branches not read: {}", e.getMessage());
        }
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

    private String chosenModel(String providerId) {
        return model.get() == null || model.get().isBlank() ? defaultModel(providerId) : model.get().strip();
    }

    private ChatRequest request(String providerId, String modelName, List<ChatMessage> turns) {
        ChatRequest.Builder request = ChatRequest.builder(modelName)
                .systemPrompt(systemPrompt.get() == null || systemPrompt.get().isBlank() ? null : systemPrompt.get())
                .messages(turns);
        ChatParametersViewModel.Sampling sampling = parameters.sampling();
        return (sampling == null ? request : sampling.applyTo(request)).build();
    }

    /** The conversation on screen as turns to send (failed and stopped replies left out), and a new prompt if given. */
    private List<ChatMessage> turns(String newPrompt) {
        List<ChatMessage> turns = new ArrayList<>();
        for (ChatMessageItem m : messages) {
            if (m.role() == Role.USER || m.stateProperty().get() == ChatMessageItem.State.DONE) {
                turns.add(new ChatMessage(m.role(), m.textProperty().get()));
            }
        }
        if (newPrompt != null) {
            turns.add(ChatMessage.user(newPrompt));
        }
        return turns;
    }

    private String defaultModel(String providerId) {
        return studio.config().provider(providerId).map(ProviderConfig::defaultModel).orElse("");
    }
}
