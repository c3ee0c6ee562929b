package dev.localagent.studio.service.provider.wire;

import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ClientTimings;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ServerTimings;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.provider.StreamListener;
import java.util.List;

/**
 * Collects a reply as a decoder reads it: text pieces go on to the listener at once, metadata is
 * kept with the last value winning (usage on Gemini chunks is cumulative). Not thread-safe.
 */
public final class ReplyAccumulator {

    private final StreamListener listener;
    private final Runnable onToken;
    private final StringBuilder text = new StringBuilder();
    private FinishReason finishReason;
    private Usage usage;
    private String model;
    private ServerTimings serverTimings;
    private List<String> citations = List.of();
    private Double costUsd;

    public ReplyAccumulator(StreamListener listener, Runnable onToken) {
        this.listener = listener;
        this.onToken = onToken;
    }

    public static ReplyAccumulator quiet() {
        return new ReplyAccumulator(StreamListener.IGNORE, () -> {});
    }

    public void text(String piece) {
        if (piece == null || piece.isEmpty()) {
            return;
        }
        text.append(piece);
        onToken.run();
        listener.onText(piece);
    }

    public void finishReason(FinishReason value) {
        if (value != null) {
            finishReason = value;
        }
    }

    public void usage(Usage value) {
        if (value != null) {
            usage = value;
        }
    }

    public void model(String value) {
        if (value != null && !value.isEmpty()) {
            model = value;
        }
    }

    public void serverTimings(ServerTimings value) {
        serverTimings = value;
    }

    public void citations(List<String> value) {
        if (value != null && !value.isEmpty()) {
            citations = List.copyOf(value);
        }
    }

    public void costUsd(Double value) {
        if (value != null) {
            costUsd = value;
        }
    }

    public boolean hasFinishReason() {
        return finishReason != null;
    }

    public String textSoFar() {
        return text.toString();
    }

    public ChatResult toResult(String requestedModel, ClientTimings timings) {
        return new ChatResult(text.toString(), finishReason == null ? FinishReason.OTHER : finishReason, usage,
                model == null ? requestedModel : model, serverTimings, timings, citations, costUsd);
    }
}
