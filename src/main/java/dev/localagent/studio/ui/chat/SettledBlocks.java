package dev.localagent.studio.ui.chat;

import javafx.scene.layout.VBox;

/**
 * The finished blocks of a reply, stacked, with their height for a width remembered. While a reply
 * streams, each batch makes the bubble and the list lay out again and ask every block for its height
 * several times (min, pref, max, at each level); a wrapped {@code TextFlow} answers that by laying its
 * text out anew, so the cost of a batch grew with the reply. These blocks do not change, so the
 * answer is kept until something inside asks for layout (a block added, a font changed by CSS). FX thread only.
 */
final class SettledBlocks extends VBox {

    private double prefFor = Double.NaN;
    private double pref;
    private double minFor = Double.NaN;
    private double min;
    private int computed;

    SettledBlocks(double spacing) {
        super(spacing);
    }

    @Override
    protected double computePrefHeight(double width) {
        if (width != prefFor) {
            pref = super.computePrefHeight(width);
            prefFor = width;
            computed++;
        }
        return pref;
    }

    @Override
    protected double computeMinHeight(double width) {
        if (width != minFor) {
            min = super.computeMinHeight(width);
            minFor = width;
            computed++;
        }
        return min;
    }

    @Override
    public void requestLayout() {
        // Every change below reaches here: a child's request goes up through its parents' requestLayout().
        // So does a block moved while this lays out (JavaFX asks the parent again then): rare, and safe.
        prefFor = Double.NaN;
        minFor = Double.NaN;
        super.requestLayout();
    }

    /** How many times a height was worked out rather than remembered; for tests. */
    int heightsComputed() {
        return computed;
    }
}
