package dev.localagent.studio.ui.chat;

import dev.localagent.studio.app.CacheAndCosts;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The tokens and input cost of what Send would send, kept current as the user types. Counting runs
 * on the background executor; only the newest count is shown, so fast typing never queues stale ones.
 */
final class LiveEstimate {

    private final CacheAndCosts books;
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final AtomicLong round = new AtomicLong();

    LiveEstimate(CacheAndCosts books, Executor background, Executor fx) {
        this.books = books;
        this.background = background;
        this.fx = fx;
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Gets the model's tokenizer ready in the background, before the first keystroke needs it. */
    void prepare(String model) {
        if (model != null && !model.isBlank()) {
            background.execute(() -> books.tokenCounter().prepare(model));
        }
    }

    /** Counts this request; null clears the estimate (nothing to send). FX thread. */
    void update(ChatRequest request, ProviderKind kind) {
        long mine = round.incrementAndGet();
        if (request == null) {
            text.set("");
            return;
        }
        background.execute(() -> {
            if (mine != round.get()) {
                return;
            }
            String shown = SendEstimate.of(books, kind, request);
            fx.execute(() -> {
                if (mine == round.get()) {
                    text.set(shown);
                }
            });
        });
    }
}
