package dev.localagent.studio.service.provider.wire;

import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ClientTimings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Feeds a byte-exact fixture to a fresh decoder in every way a network could cut it: whole, one
 * byte at a time, and split in two at every byte boundary. Each run's text pieces and result are
 * returned so a test can require that they all agree.
 */
public final class SplitFeeding {

    /** What one decoder made of the bytes. */
    public record Run(String how, List<String> pieces, ChatResult result, RuntimeException failure) {
        public String text() {
            return String.join("", pieces);
        }
    }

    private SplitFeeding() {}

    public static List<Run> everyWay(String fixture, BiFunction<StreamErrors, ReplyAccumulator, StreamDecoder> factory) {
        byte[] bytes = fixture.getBytes(StandardCharsets.UTF_8);
        List<Run> runs = new ArrayList<>();
        runs.add(run("whole", bytes, new int[] {}, factory));
        int[] every = new int[bytes.length - 1];
        for (int i = 1; i < bytes.length; i++) {
            every[i - 1] = i;
        }
        runs.add(run("byte by byte", bytes, every, factory));
        for (int cut = 1; cut < bytes.length; cut++) {
            runs.add(run("split at " + cut, bytes, new int[] {cut}, factory));
        }
        return runs;
    }

    public static Run run(String how, byte[] bytes, int[] cuts, BiFunction<StreamErrors, ReplyAccumulator, StreamDecoder> factory) {
        List<String> pieces = new ArrayList<>();
        ReplyAccumulator reply = new ReplyAccumulator(pieces::add, () -> {});
        StreamDecoder decoder = factory.apply(new StreamErrors("test-provider", null), reply);
        try {
            int from = 0;
            for (int cut : cuts) {
                decoder.feed(bytes, from, cut - from);
                from = cut;
            }
            decoder.feed(bytes, from, bytes.length - from);
            decoder.finish();
            return new Run(how, pieces, reply.toResult("requested-model", ClientTimings.NONE), null);
        } catch (RuntimeException e) {
            return new Run(how, pieces, null, e);
        }
    }
}
