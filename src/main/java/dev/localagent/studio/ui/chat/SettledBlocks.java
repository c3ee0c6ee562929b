package dev.localagent.studio.ui.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * The finished blocks of a reply, stacked, with their height for a width remembered. While a reply
 * streams, each batch makes the bubble and the list lay out again and ask every block for its height
 * several times (min, pref, max, at each level); a wrapped {@code TextFlow} answers that by laying its
 * text out anew, so the cost of a batch grew with the reply. These blocks do not change, so the
 * answer is kept until something inside asks for layout (a block added, a font changed by CSS). FX thread only.
 *
 * <p>A few widths are remembered, not one: within one layout the list's cell asks for the min
 * height at the bubble's content width and the bubble at its own (16 px apart), and with a single
 * remembered width each question evicted the other's answer, about 18 times per batch.
 *
 * <p>The blocks sit in chunks of {@value #CHUNK}, each remembering its own heights. A block added
 * forgets the heights of its chunk alone: with one stack, every block finished (a paragraph, a list
 * item) made every earlier block of the reply lay its text out again at each width asked about,
 * work that grew with the reply and was a sixth of what the FX thread allocated while streaming.
 */
final class SettledBlocks extends RememberedHeights {

    static final int CHUNK = 16;

    SettledBlocks(double spacing) {
        super(spacing);
    }

    /** Adds finished blocks after the others. */
    void append(List<? extends Node> blocks) {
        int at = 0;
        while (at < blocks.size()) {
            RememberedHeights last = getChildren().isEmpty() ? null : (RememberedHeights) getChildren().getLast();
            if (last == null || last.getChildren().size() == CHUNK) {
                last = new RememberedHeights(getSpacing());
                getChildren().add(last);
            }
            int take = Math.min(blocks.size() - at, CHUNK - last.getChildren().size());
            last.getChildren().addAll(blocks.subList(at, at + take));
            at += take;
        }
    }

    /** Removes every block. */
    void clear() {
        getChildren().clear();
    }

    /** The blocks in order. */
    List<Node> blocks() {
        List<Node> all = new ArrayList<>();
        chunks().forEach(chunk -> all.addAll(chunk.getChildren()));
        return all;
    }

    /** How many blocks there are. */
    int size() {
        return chunks().mapToInt(chunk -> chunk.getChildren().size()).sum();
    }

    /** How many times a height was worked out rather than remembered, here and in the chunks; for tests. */
    @Override
    int heightsComputed() {
        return super.heightsComputed() + chunks().mapToInt(RememberedHeights::heightsComputed).sum();
    }

    private java.util.stream.Stream<RememberedHeights> chunks() {
        return getChildren().stream().map(RememberedHeights.class::cast);
    }
}

/** A stack that remembers its heights for the last few widths until something inside asks for layout. */
class RememberedHeights extends VBox {

    private static final int WIDTHS = 4;

    private final Heights pref = new Heights();
    private final Heights min = new Heights();
    private int computed;

    RememberedHeights(double spacing) {
        super(spacing);
    }

    @Override
    protected double computePrefHeight(double width) {
        return pref.computeIfAbsent(width, super::computePrefHeight);
    }

    @Override
    protected double computeMinHeight(double width) {
        return min.computeIfAbsent(width, super::computeMinHeight);
    }

    @Override
    public void requestLayout() {
        // Every change below reaches here: a child's request goes up through its parents' requestLayout().
        // So does a block moved while this lays out (JavaFX asks the parent again then): rare, and safe.
        // (Called by the superclass constructor, before the fields are set.)
        if (pref != null) {
            pref.clear();
            min.clear();
        }
        super.requestLayout();
    }

    /** How many times a height was worked out rather than remembered; for tests. */
    int heightsComputed() {
        return computed;
    }

    /** Heights for the last few widths asked about, the oldest replaced first. */
    private final class Heights {
        private final double[] widths = new double[WIDTHS];
        private final double[] heights = new double[WIDTHS];
        private int next;

        Heights() {
            clear();
        }

        /** The height remembered for this width, or the one {@code compute} works out, then remembered. */
        double computeIfAbsent(double width, java.util.function.DoubleUnaryOperator compute) {
            for (int i = 0; i < WIDTHS; i++) {
                if (widths[i] == width) {
                    return heights[i];
                }
            }
            double height = compute.applyAsDouble(width);
            widths[next] = width;
            heights[next] = height;
            next = (next + 1) % WIDTHS;
            computed++;
            return height;
        }

        void clear() {
            Arrays.fill(widths, Double.NaN); // NaN equals no width asked about
        }
    }
}
