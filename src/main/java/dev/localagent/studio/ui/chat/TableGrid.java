package dev.localagent.studio.ui.chat;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;

/**
 * A grid of table cells that shares a narrow width out as a web page's table does. Cells are
 * placed, spaced and styled as in any {@code GridPane} (column and row index, {@code -fx-hgap},
 * {@code -fx-vgap}); only the columns' widths are worked out here, because {@code GridPane} short
 * of width takes the same amount from every column: a column of short words broke into letters
 * while a column of sentences kept most of its width, and the grid never got narrower than its
 * cells' minimum widths together, so a many-column table widened the reply past the list.
 *
 * <p>Here every column gets its preferred width when they all fit; otherwise each gets its minimum
 * (a cell's longest word) and the width left over is shared in proportion to how much more each
 * column would like; when not even the minimums fit, the widest give way first. The grid can get
 * as narrow as its parent asks, so it never widens a reply. Every cell fills its column's width
 * and its row's height, so that opaque cells leave only the gaps showing. FX thread only.
 * Decision: docs/decisions/2026-11-29-chat-tables.md.
 */
final class TableGrid extends GridPane {

    @Override
    protected double computeMinWidth(double height) {
        Insets insets = getInsets();
        return insets.getLeft() + insets.getRight() + gaps(getColumnCount(), snapSpaceX(getHgap()));
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets insets = getInsets();
        double width = insets.getLeft() + insets.getRight() + gaps(getColumnCount(), snapSpaceX(getHgap()));
        for (double column : columnWidths(Double.MAX_VALUE)) {
            width += column;
        }
        return width;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets insets = getInsets();
        double height = insets.getTop() + insets.getBottom() + gaps(getRowCount(), snapSpaceY(getVgap()));
        double[] columns = columnWidths(width < 0 ? Double.MAX_VALUE : width - insets.getLeft() - insets.getRight());
        for (double row : rowHeights(columns)) {
            height += row;
        }
        return height;
    }

    @Override
    protected void layoutChildren() {
        Insets insets = getInsets();
        double[] columns = columnWidths(getWidth() - insets.getLeft() - insets.getRight());
        double[] rows = rowHeights(columns);
        double[] xs = starts(columns, insets.getLeft(), snapSpaceX(getHgap()));
        double[] ys = starts(rows, insets.getTop(), snapSpaceY(getVgap()));
        for (Node child : getManagedChildren()) {
            int c = column(child);
            int r = row(child);
            child.resizeRelocate(xs[c], ys[r], columns[c], rows[r]);
        }
    }

    /** Each column's width within {@code width} (the grid's less its insets), gaps taken off first. */
    private double[] columnWidths(double width) {
        int count = getColumnCount();
        double[] min = new double[count];
        double[] pref = new double[count];
        for (Node child : getManagedChildren()) {
            int c = column(child);
            // Rounded up, so that a column at its width has room for its text, pixels rounded or not.
            min[c] = Math.max(min[c], snapSizeX(child.minWidth(-1)));
            pref[c] = Math.max(pref[c], Math.max(min[c], snapSizeX(child.prefWidth(-1))));
        }
        double available = Math.max(0, width - gaps(count, snapSpaceX(getHgap())));
        double minSum = 0;
        double prefSum = 0;
        for (int c = 0; c < count; c++) {
            minSum += min[c];
            prefSum += pref[c];
        }
        double cap = available > minSum ? Double.MAX_VALUE : level(min, available);
        double[] widths = new double[count];
        for (int c = 0; c < count; c++) {
            if (available >= prefSum) {
                widths[c] = pref[c];
            } else if (available > minSum) {
                widths[c] = min[c] + (pref[c] - min[c]) * (available - minSum) / (prefSum - minSum);
            } else {
                widths[c] = Math.min(min[c], cap);
            }
        }
        return snapped(widths);
    }

    /**
     * The width at which the columns' minimums, none above it, add up to {@code available}: when not
     * even the longest words fit, the widest give way first and short words stay whole.
     */
    private static double level(double[] min, double available) {
        double[] sorted = min.clone();
        java.util.Arrays.sort(sorted);
        double below = 0;
        for (int k = 0; k < sorted.length; k++) {
            int rest = sorted.length - k;
            if (below + rest * sorted[k] >= available) {
                return (available - below) / rest;
            }
            below += sorted[k];
        }
        return available;
    }

    /**
     * Whole pixels (at the screen's scale) with the same total: each column ends where the unrounded
     * ones would, rounded, so no column is more than a pixel off and the sum does not grow.
     */
    private double[] snapped(double[] widths) {
        double end = 0;
        double snappedEnd = 0;
        for (int c = 0; c < widths.length; c++) {
            end += widths[c];
            double next = snapPositionX(end);
            widths[c] = next - snappedEnd;
            snappedEnd = next;
        }
        return widths;
    }

    private double[] rowHeights(double[] columns) {
        double[] heights = new double[getRowCount()];
        for (Node child : getManagedChildren()) {
            int r = row(child);
            heights[r] = Math.max(heights[r], snapSizeY(child.prefHeight(columns[column(child)])));
        }
        return heights;
    }

    private static double[] starts(double[] sizes, double from, double gap) {
        double[] starts = new double[sizes.length];
        double at = from;
        for (int i = 0; i < sizes.length; i++) {
            starts[i] = at;
            at += sizes[i] + gap;
        }
        return starts;
    }

    private static double gaps(int count, double gap) {
        return count > 1 ? gap * (count - 1) : 0;
    }

    private static int column(Node child) {
        Integer index = getColumnIndex(child);
        return index == null ? 0 : index;
    }

    private static int row(Node child) {
        Integer index = getRowIndex(child);
        return index == null ? 0 : index;
    }
}
