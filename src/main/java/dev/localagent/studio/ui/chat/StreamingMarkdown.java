package dev.localagent.studio.ui.chat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * A reply's markdown, rendered while it streams without redoing what is finished: blocks before the
 * last blank line outside a code fence (or the last finished list item, heading or quote line)
 * cannot change any more, so each is turned into nodes once; only the open block at the end
 * (usually one paragraph or list item) is parsed and rebuilt per batch. The
 * finished blocks sit in their own {@link SettledBlocks}, so laying out the growing tail does not
 * measure them again. FX thread only.
 */
final class StreamingMarkdown {

    private static final double SPACING = 6;

    private final VBox box = new VBox(SPACING);
    private final SettledBlocks finished = new SettledBlocks(SPACING);
    /** Characters of the text already rendered as finished blocks; always at a block boundary outside a fence. */
    private int settled;
    private String shown = "";

    StreamingMarkdown() {
        box.getStyleClass().add("markdown");
        // Until a block is finished the container would only add an empty gap above the tail.
        finished.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(finished.getChildren()));
        box.getChildren().add(finished);
    }

    Node node() {
        return box;
    }

    /** The rendered blocks in order, finished ones first; the tail block counts as one. */
    List<Node> blocks() {
        List<Node> all = new java.util.ArrayList<>(finished.blocks());
        all.addAll(box.getChildren().subList(1, box.getChildren().size()));
        return all;
    }

    /** How many blocks are rendered now; the tail block counts as one. */
    int blockCount() {
        return finished.size() + box.getChildren().size() - 1;
    }

    /** How many of those blocks are finished and will not be rebuilt. */
    int settledBlocks() {
        return finished.size();
    }

    /** The container of the finished blocks, for tests of its remembered heights. */
    SettledBlocks finishedBlocks() {
        return finished;
    }

    /** Shows the text; cheap when it only grew since the last call. */
    void update(String text) {
        if (!text.startsWith(shown.substring(0, settled))) {
            // Not a continuation (a replaced text): start over.
            finished.clear();
            settled = 0;
        }
        shown = text;
        int boundary = lastBoundary(text, settled);
        if (boundary > settled) {
            finished.append(MarkdownNodes.nodes(text.substring(settled, boundary)));
            settled = boundary;
        }
        List<Markdown.Block> tail = Markdown.parse(text.substring(settled));
        if (tail.size() == 1 && tail.getFirst() instanceof Markdown.Code code && box.getChildren().size() == 2
                && MarkdownNodes.regrow(box.getChildren().get(1), code)) {
            return; // an open code block grew: its text changed in place
        }
        box.getChildren().remove(1, box.getChildren().size());
        box.getChildren().addAll(MarkdownNodes.nodes(tail));
    }

    /**
     * The end of the last line after {@code from}, outside a code fence, after which no earlier block
     * can change: a blank line, or a finished line that is a block of its own (a list item, a
     * heading, a quote: {@link Markdown#standsAlone}). {@code from} when there is none. Without the
     * second kind a list was one open tail, every item of it rebuilt in every batch until the
     * blank line after the list.
     */
    static int lastBoundary(String text, int from) {
        int boundary = from;
        boolean fence = false;
        int lineStart = from;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                break; // the last line is still being written
            }
            String line = text.substring(lineStart, lineEnd).strip();
            if (line.startsWith("```")) {
                fence = !fence;
            } else if (!fence && (line.isEmpty() || Markdown.standsAlone(text.substring(lineStart, lineEnd)))) {
                boundary = lineEnd + 1;
            }
            lineStart = lineEnd + 1;
        }
        return boundary;
    }
}
