package dev.localagent.studio.ui.chat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * A reply's markdown, rendered while it streams without redoing what is finished: blocks before the
 * last blank line outside a code fence cannot change any more, so each is turned into nodes once;
 * only the open block at the end (usually one paragraph) is parsed and rebuilt per batch. FX thread only.
 */
final class StreamingMarkdown {

    private final VBox box = new VBox(6);
    /** Characters of the text already rendered as finished blocks; always at a block boundary outside a fence. */
    private int settled;
    /** Nodes of the finished blocks; the rest of the box is the open tail. */
    private int settledNodes;
    private String shown = "";

    StreamingMarkdown() {
        box.getStyleClass().add("markdown");
    }

    Node node() {
        return box;
    }

    /** How many blocks are rendered now; the tail block counts as one. */
    int blockCount() {
        return box.getChildren().size();
    }

    /** How many of those blocks are finished and will not be rebuilt. */
    int settledBlocks() {
        return settledNodes;
    }

    /** Shows the text; cheap when it only grew since the last call. */
    void update(String text) {
        if (!text.startsWith(shown.substring(0, settled))) {
            // Not a continuation (a replaced text): start over.
            box.getChildren().clear();
            settled = 0;
            settledNodes = 0;
        }
        shown = text;
        int boundary = lastBoundary(text, settled);
        if (boundary > settled) {
            List<Node> finished = MarkdownNodes.nodes(text.substring(settled, boundary));
            box.getChildren().remove(settledNodes, box.getChildren().size());
            box.getChildren().addAll(finished);
            settledNodes += finished.size();
            settled = boundary;
        }
        List<Node> tail = MarkdownNodes.nodes(text.substring(settled));
        box.getChildren().remove(settledNodes, box.getChildren().size());
        box.getChildren().addAll(tail);
    }

    /** The end of the last blank line after {@code from} that is outside a code fence; {@code from} when there is none. */
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
            } else if (line.isEmpty() && !fence) {
                boundary = lineEnd + 1;
            }
            lineStart = lineEnd + 1;
        }
        return boundary;
    }
}
