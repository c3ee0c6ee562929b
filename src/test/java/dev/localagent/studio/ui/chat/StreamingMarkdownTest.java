package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.testsupport.ReplyCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** Markdown rendered as it streams: the same blocks as rendering the whole text, with finished blocks built once. */
class StreamingMarkdownTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aBoundaryIsTheLastBlankLineOutsideACodeFence() {
        assertThat(StreamingMarkdown.lastBoundary("one\n\ntwo", 0)).isEqualTo(5);
        assertThat(StreamingMarkdown.lastBoundary("one\n\n```\ncode\n\nmore", 0)).isEqualTo(5);
        assertThat(StreamingMarkdown.lastBoundary("one\n\n```\ncode\n\n```\n\nafter", 0)).isEqualTo(20);
        assertThat(StreamingMarkdown.lastBoundary("no blank line yet", 0)).isZero();
    }

    @Test
    void growingTextGivesTheBlocksOfTheWholeAndNeverRebuildsAFinishedOne() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            String reply = ReplyCorpus.reply(random, 3_000);
            StreamingMarkdown md = new StreamingMarkdown();
            VBox box = (VBox) md.node();
            List<Node> before = List.of();
            int settledBefore = 0;
            int at = 0;
            while (at < reply.length()) {
                at = Math.min(reply.length(), at + 1 + random.nextInt(40));
                String prefix = reply.substring(0, at);

                md.update(prefix);

                assertThat(md.blockCount()).as("seed %d at %d", seed, at).isEqualTo(Markdown.parse(prefix).size());
                // Every block finished before this batch is still the very same node.
                List<Node> now = new ArrayList<>(box.getChildren());
                for (int i = 0; i < settledBefore; i++) {
                    assertThat(now.get(i)).as("seed %d at %d, block %d", seed, at, i).isSameAs(before.get(i));
                }
                assertThat(md.settledBlocks()).isGreaterThanOrEqualTo(settledBefore);
                before = now;
                settledBefore = md.settledBlocks();
            }
            assertThat(md.blockCount()).isEqualTo(Markdown.parse(reply).size());
        }
    }

    @Test
    void onlyTheOpenBlockIsRebuiltPerBatch() {
        StreamingMarkdown md = new StreamingMarkdown();
        VBox box = (VBox) md.node();
        md.update("# Title\n\nFirst paragraph.\n\nSecond par");
        Node title = box.getChildren().get(0);
        Node first = box.getChildren().get(1);
        Node openTail = box.getChildren().get(2);

        md.update("# Title\n\nFirst paragraph.\n\nSecond paragraph grows");

        assertThat(box.getChildren()).hasSize(3);
        assertThat(box.getChildren().get(0)).isSameAs(title);
        assertThat(box.getChildren().get(1)).isSameAs(first);
        assertThat(box.getChildren().get(2)).isNotSameAs(openTail);

        md.update("Something else entirely"); // a replaced text starts over
        assertThat(box.getChildren()).hasSize(1);
    }
}
