package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.testsupport.ReplyCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

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
    void aFinishedListItemHeadingOrQuoteLineIsABoundaryToo() {
        // A list settles item by item: without this every item was rebuilt in every batch until the list ended.
        assertThat(StreamingMarkdown.lastBoundary("Steps:\n- one\n- tw", 0)).isEqualTo(13);
        assertThat(StreamingMarkdown.lastBoundary("1. one\n2. two\n3", 0)).isEqualTo(14);
        assertThat(StreamingMarkdown.lastBoundary("## Heading\nText", 0)).isEqualTo(11);
        assertThat(StreamingMarkdown.lastBoundary("> quoted\nmore", 0)).isEqualTo(9);
        // A paragraph's line is not: the next line may continue it. Nor is anything inside a code fence.
        assertThat(StreamingMarkdown.lastBoundary("a paragraph line\nits next", 0)).isZero();
        assertThat(StreamingMarkdown.lastBoundary("```\n- not an item\n# nor a heading\n", 0)).isZero();
        assertThat(StreamingMarkdown.lastBoundary("| a | b |\n|---|---|\n", 0)).isZero();
    }

    @Test
    void growingTextGivesTheBlocksOfTheWholeAndNeverRebuildsAFinishedOne() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            String reply = ReplyCorpus.reply(random, 3_000);
            StreamingMarkdown md = new StreamingMarkdown();
            List<Node> before = List.of();
            int settledBefore = 0;
            int at = 0;
            while (at < reply.length()) {
                at = Math.min(reply.length(), at + 1 + random.nextInt(40));
                String prefix = reply.substring(0, at);

                md.update(prefix);

                assertThat(md.blockCount()).as("seed %d at %d", seed, at).isEqualTo(Markdown.parse(prefix).size());
                // Every block finished before this batch is still the very same node.
                List<Node> now = new ArrayList<>(md.blocks());
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
        md.update("# Title\n\nFirst paragraph.\n\nSecond par");
        Node title = md.blocks().get(0);
        Node first = md.blocks().get(1);
        Node openTail = md.blocks().get(2);

        md.update("# Title\n\nFirst paragraph.\n\nSecond paragraph grows");

        assertThat(md.blocks()).hasSize(3);
        assertThat(md.blocks().get(0)).isSameAs(title);
        assertThat(md.blocks().get(1)).isSameAs(first);
        assertThat(md.blocks().get(2)).isNotSameAs(openTail);

        md.update("Something else entirely"); // a replaced text starts over
        assertThat(md.blocks()).hasSize(1);
    }

    @Test
    void anOpenCodeBlockGrowsInPlace() {
        StreamingMarkdown md = new StreamingMarkdown();
        md.update("Intro.\n\n```sql\nSELECT id\n");
        Node block = md.blocks().getLast();

        md.update("Intro.\n\n```sql\nSELECT id\nFROM orders\nWHERE total > 100");

        // The same node, its text grown: not a new label, button and skins for every batch of a long block.
        assertThat(md.blocks()).hasSize(2);
        assertThat(md.blocks().getLast()).isSameAs(block);
        assertThat(((javafx.scene.control.Label) block.lookup(".md-code")).getText()).isEqualTo("SELECT id\nFROM orders\nWHERE total > 100");
        // Another language (or no code block any more) is built anew.
        md.update("Intro.\n\n```sql\nSELECT id\n```\n\n```java\nint x;");
        assertThat(md.blocks()).hasSize(3);
        assertThat(((javafx.scene.control.Label) md.blocks().getLast().lookup(".md-code-language")).getText()).isEqualTo("java");
    }

    @Test
    void aCodeBlockThatGrowsInPlaceGrowsOnScreen() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            StreamingMarkdown md = new StreamingMarkdown();
            StackPane root = new StackPane(md.node());
            root.setAlignment(javafx.geometry.Pos.TOP_LEFT);
            new Scene(root, 600, 800);
            md.update("Intro.\n\n```java\nint a = 1;\n");
            settle(root);
            javafx.scene.control.Label body = (javafx.scene.control.Label) md.blocks().getLast().lookup(".md-code");
            double oneLine = body.getHeight();

            md.update("Intro.\n\n```java\nint a = 1;\nint b = 2;\nint c = 3;\nint d = 4;\n");
            settle(root);

            assertThat(body.getHeight()).as("four lines tall").isGreaterThan(oneLine * 3.5);
            return null;
        }).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aBlockFinishedLaterMeasuresOnlyTheBlocksOfItsChunkAgain() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            SettledBlocks blocks = new SettledBlocks(6);
            blocks.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            StackPane root = new StackPane(blocks);
            root.setAlignment(javafx.geometry.Pos.TOP_LEFT);
            new Scene(root, 400, 3_000);
            List<CountingBlock> earlier = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                earlier.add(new CountingBlock());
            }
            blocks.append(earlier);
            settle(root);
            settle(root);
            double height = blocks.getHeight();
            earlier.forEach(b -> b.asked = 0);

            blocks.append(List.of(new CountingBlock()));
            settle(root);

            // With one stack every block of the reply was asked for its height again (at each width) whenever one finished.
            assertThat(earlier.stream().filter(b -> b.asked > 0).count()).as("earlier blocks measured again").isLessThanOrEqualTo(16);
            assertThat(earlier.subList(0, 100 / SettledBlocks.CHUNK * SettledBlocks.CHUNK)).as("blocks in full chunks").allMatch(b -> b.asked == 0);
            assertThat(blocks.size()).isEqualTo(101);
            assertThat(blocks.blocks()).startsWith(earlier.toArray(Node[]::new));
            assertThat(blocks.getHeight()).isEqualTo(height + 6 + 20);
            return null;
        }).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A block 20 px high that counts how often it is asked for its height; its height depends on its width, as wrapped text's does. */
    private static final class CountingBlock extends javafx.scene.layout.Region {
        int asked;

        @Override
        public javafx.geometry.Orientation getContentBias() {
            return javafx.geometry.Orientation.HORIZONTAL; // as a TextFlow: JavaFX keeps no height for it, it asks each time
        }

        @Override
        protected double computePrefHeight(double width) {
            asked++;
            return 20;
        }

        @Override
        protected double computeMinHeight(double width) {
            asked++;
            return 20;
        }
    }

    @Test
    void growingTheOpenBlockDoesNotMeasureTheFinishedBlocksAgain() throws Exception {
        String reply = ReplyCorpus.reply(new Random(3), 3_000);
        String finished = reply.substring(0, StreamingMarkdown.lastBoundary(reply, 0));
        String open = "The open paragraph keeps growing while the reply streams in, word after word. ".repeat(6);
        WaitForAsyncUtils.asyncFx(() -> {
            StreamingMarkdown md = new StreamingMarkdown();
            StackPane root = new StackPane(md.node());
            root.setAlignment(javafx.geometry.Pos.TOP_LEFT);
            new Scene(root, 400, 3_000);
            SettledBlocks blocks = md.finishedBlocks();
            md.update(finished + open.substring(0, 20));
            settle(root);
            settle(root); // the first pass places the blocks, which asks their parent once more
            int measured = blocks.heightsComputed();
            double height = blocks.getHeight();
            assertThat(measured).isPositive();

            for (int at = 40; at < open.length(); at += 37) {
                md.update(finished + open.substring(0, at));
                settle(root);
            }

            assertThat(blocks.heightsComputed()).as("heights worked out again").isEqualTo(measured);
            assertThat(blocks.getHeight()).isEqualTo(height);
            // What does change them is measured: a narrower view wraps the lines again, a finished block adds one.
            ((javafx.scene.layout.Region) md.node()).setMaxWidth(250);
            settle(root);
            assertThat(blocks.heightsComputed()).isGreaterThan(measured);
            assertThat(blocks.getHeight()).isGreaterThan(height);
            double narrow = blocks.getHeight();
            md.update(finished + open + "\n\nNext.");
            settle(root);
            assertThat(blocks.size()).isEqualTo(Markdown.parse(finished + open).size());
            assertThat(blocks.getHeight()).isGreaterThan(narrow);
            double longer = blocks.getHeight();
            md.node().setStyle("-fx-font-size: 24px;"); // as a theme or zoom change would: the text grows in place
            settle(root);
            assertThat(blocks.getHeight()).isGreaterThan(longer * 1.3);
            return null;
        }).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aTableStreamedInSmallPiecesEndsAsTheSameNodesAsTheTableRenderedWhole() {
        String header = "| Setting | Default | Notes |";
        String reply = "Compare:\n\n" + header + "\n|:--|:-:|--:|\n| `timeout` | 30 s | stops **slow** calls |\n"
                + "| `retryAfter` | 1 s | honoured \\| capped |\n| short |\n\nDone.";
        StreamingMarkdown md = new StreamingMarkdown();
        for (int at = 1; at < reply.length(); at++) {
            String prefix = reply.substring(0, at);

            md.update(prefix); // a header without its delimiter row, half a row, half a cell: none throws

            assertThat(md.blockCount()).as(prefix).isEqualTo(Markdown.parse(prefix).size());
            if (prefix.endsWith(header)) {
                assertThat(md.blocks().getLast().getStyleClass()).as("a lone header row, as written").contains("md-code-block");
            }
            if (prefix.endsWith("--:|")) {
                assertThat(md.blocks().getLast().lookup(".md-table")).as("a table once its delimiter row is there")
                        .isInstanceOf(javafx.scene.layout.GridPane.class);
            }
        }
        md.update(reply);

        assertThat(md.blocks().stream().map(StreamingMarkdownTest::shape))
                .containsExactlyElementsOf(MarkdownNodes.nodes(reply).stream().map(StreamingMarkdownTest::shape).toList());
        javafx.scene.layout.GridPane grid = (javafx.scene.layout.GridPane) md.blocks().get(1).lookup(".md-table");
        assertThat(grid.getRowCount()).isEqualTo(4);
        assertThat(grid.getColumnCount()).isEqualTo(3);
    }

    /** A node tree as text: types, style classes, texts, and where each cell sits and how it aligns. */
    private static String shape(Node node) {
        StringBuilder out = new StringBuilder(node.getClass().getSimpleName()).append(node.getStyleClass());
        switch (node) {
            case javafx.scene.text.Text t -> out.append('"').append(t.getText()).append('"');
            case javafx.scene.control.Labeled l -> out.append('"').append(l.getText()).append('"');
            case javafx.scene.text.TextFlow f -> out.append(f.getTextAlignment());
            default -> { }
        }
        if (node.getParent() instanceof javafx.scene.layout.GridPane) {
            out.append('@').append(javafx.scene.layout.GridPane.getColumnIndex(node)).append(',')
                    .append(javafx.scene.layout.GridPane.getRowIndex(node));
        }
        if (node instanceof Parent p && !(node instanceof javafx.scene.control.Control)) { // a control's skin is no markdown
            out.append('(');
            p.getChildrenUnmodifiable().forEach(c -> out.append(shape(c)).append(' '));
            out.append(')');
        }
        return out.toString();
    }

    /**
     * A list item is built of text nodes, not controls. A control's skin sets its text node up in
     * layout, after the pulse's CSS pass, so every batch ending in a list item left the scene needing
     * CSS: JavaFX then ran one more pulse in which nothing on screen had changed, and a pulse without
     * a dirty region repaints the whole window (a third of the frames while a reply streamed).
     */
    @Test
    void listItemsAreBuiltOfTextNodesWithoutControls() {
        StreamingMarkdown md = new StreamingMarkdown();
        md.update("Steps:\n\n- one\n- two\n  - nested\n\n1. first\n2. second");
        List<Node> rows = md.blocks().subList(1, md.blocks().size());
        assertThat(rows).hasSize(5).allSatisfy(row -> {
            assertThat(row).isInstanceOf(javafx.scene.layout.HBox.class);
            assertThat(descendants(row)).noneMatch(n -> n instanceof javafx.scene.control.Control);
            assertThat(descendants(row)).filteredOn(n -> n.getStyleClass().contains("md-marker")).hasSize(1)
                    .allMatch(n -> n instanceof javafx.scene.text.Text);
        });
    }

    private static List<Node> descendants(Node node) {
        List<Node> all = new ArrayList<>(List.of(node));
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> all.addAll(descendants(c)));
        }
        return all;
    }

    private static void settle(Parent root) {
        root.applyCss();
        root.layout();
    }
}
