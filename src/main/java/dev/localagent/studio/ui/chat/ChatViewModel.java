package dev.localagent.studio.ui.chat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.CancelledException;
import dev.localagent.studio.service.provider.ModelInfo;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.resilience.CallFailedException;
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.ui.common.TextBatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
    private volatile CancelSignal cancel = new CancelSignal();

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

    /** Sends the prompt with the conversation so far. Does nothing while a reply is on its way or the prompt is blank. */
    public void send() {
        String text = prompt.get() == null ? "" : prompt.get().strip();
        String providerId = provider.get();
        if (text.isEmpty() || providerId == null || state.get() == State.SENDING) {
            return;
        }
        ChatRequest request = ChatRequest.builder(model.get() == null || model.get().isBlank() ? defaultModel(providerId) : model.get().strip())
                .systemPrompt(systemPrompt.get() == null || systemPrompt.get().isBlank() ? null : systemPrompt.get())
                .messages(history(text))
                .build();
        ChatMessageItem reply = new ChatMessageItem(Role.ASSISTANT, providerId, "", ChatMessageItem.State.STREAMING);
        messages.addAll(new ChatMessageItem(Role.USER, null, text, ChatMessageItem.State.DONE), reply);
        prompt.set("");
        state.set(State.SENDING);
        CancelSignal signal = new CancelSignal();
        cancel = signal;
        TextBatcher batcher = new TextBatcher(fx, batchInterval, reply::append);
        background.execute(() -> {
            try {
                ProviderPipeline pipeline = studio.pipelines().pipeline(providerId);
                PipelineResult answered = pipeline.call(request, batcher::add, signal);
                batcher.flush();
                List<String> facts = ReplyFacts.of(answered);
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
                fx.execute(() -> finishFailed(reply, stopped, why));
            } catch (RuntimeException e) {
                batcher.flush();
                fx.execute(() -> finishFailed(reply, false, sentence(e)));
            }
        });
    }

    private void finishFailed(ChatMessageItem reply, boolean stopped, String why) {
        reply.errorProperty().set(why);
        reply.stateProperty().set(stopped ? ChatMessageItem.State.STOPPED : ChatMessageItem.State.FAILED);
        state.set(State.IDLE);
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
        }
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
