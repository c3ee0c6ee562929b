package dev.localagent.studio.ui.chat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.http.ExchangeRecorder;
import dev.localagent.studio.service.provider.AuthenticationException;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.CancelledException;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.resilience.CallFailedException;
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.store.StoredMessage;
import dev.localagent.studio.ui.common.TextBatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One reply on its way: asks the provider's pipeline, hands the text to the FX thread in batches,
 * saves it as it streams, and ends it DONE (with its facts), STOPPED or FAILED (text so far kept,
 * one sentence why, the remedy that fits). Runs on the calling background thread until the reply ends.
 */
final class ReplyStream {

    /** Per reply, the inspector keeps at most this many frames and this much of their text, so memory stays bounded. */
    static final int INSPECTOR_FRAMES = 2_000;
    static final int INSPECTOR_BYTES = 128 * 1024;
    /**
     * How many replies keep their record; an older one lets its go. A record holds the request as
     * sent, which is the whole conversation: in a conversation of 200 long messages, 1.2 MB per reply,
     * so every reply keeping one grew the heap by ~2.5 MB per send for as long as the app ran.
     */
    static final int INSPECTED_REPLIES = 8;

    private final Studio studio;
    private final Executor fx;
    private final Duration batchInterval;
    /** The replies that keep their record, oldest first; guarded by itself. */
    private final java.util.ArrayDeque<ChatMessageItem> inspected = new java.util.ArrayDeque<>();

    ReplyStream(Studio studio, Executor fx, Duration batchInterval) {
        this.studio = studio;
        this.fx = fx;
        this.batchInterval = batchInterval;
    }

    /** Gives the reply its record, and takes the oldest kept one's away past {@link #INSPECTED_REPLIES}. */
    private void keepRecord(ChatMessageItem reply, ExchangeRecorder recorder) {
        reply.recorder(recorder);
        synchronized (inspected) {
            inspected.remove(reply); // a retry of the same reply
            inspected.addLast(reply);
            while (inspected.size() > INSPECTED_REPLIES) {
                inspected.removeFirst().recorder(null);
            }
        }
    }

    void run(String providerId, ChatRequest request, ChatMessageItem reply, ReplySaver saver, CancelSignal signal) {
        TextBatcher batcher = new TextBatcher(fx, batchInterval, reply::append);
        try {
            ExchangeRecorder recorder = new ExchangeRecorder(INSPECTOR_FRAMES, INSPECTOR_BYTES, System::nanoTime);
            keepRecord(reply, recorder);
            PipelineResult answered = ScopedValue.where(ExchangeRecorder.CURRENT, recorder).call(() -> studio.pipelines().pipeline(providerId)
                    .call(request, piece -> {
                        batcher.add(piece);
                        saver.arrived(piece);
                    }, signal, saver.conversationId()));
            batcher.flush();
            List<String> facts = ReplyFacts.of(answered);
            saver.finish(answered.result().text(), StoredMessage.State.DONE, null, facts);
            fx.execute(() -> {
                reply.textProperty().set(answered.result().text());
                reply.facts().setAll(facts);
                reply.stateProperty().set(ChatMessageItem.State.DONE);
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
                failed(reply, stopped, why);
                reply.facts().setAll(attempts);
                reply.remedyProperty().set(remedy);
            });
        } catch (RuntimeException e) {
            batcher.flush();
            saver.finish(null, StoredMessage.State.FAILED, sentence(e), List.of());
            fx.execute(() -> {
                failed(reply, false, sentence(e));
                reply.remedyProperty().set(ChatMessageItem.Remedy.RETRY);
            });
        }
    }

    private static void failed(ChatMessageItem reply, boolean stopped, String why) {
        reply.errorProperty().set(why);
        reply.stateProperty().set(stopped ? ChatMessageItem.State.STOPPED : ChatMessageItem.State.FAILED);
    }

    /** One sentence with the error's class, e.g. {@code sim-openai: server error (HTTP 500) [ServerErrorException]}. */
    static String sentence(Throwable error) {
        String kind = error instanceof ProviderException p ? p.errorClass() : error.getClass().getSimpleName();
        return error.getMessage() + " [" + kind + "]";
    }
}
