package dev.localagent.studio.ui.chat;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;

/**
 * A markdown table as nodes: a header like a code block's (kind and Copy), then a {@link TableGrid}
 * with one {@code TextFlow} per cell. The grid's lines are its own background showing through 1 px gaps
 * between opaque cells (chat.css), so they cost no node and no stroke. Styled by chat.css.
 */
final class MarkdownTables {

    private MarkdownTables() {}

    static Node node(Markdown.Table table) {
        int columns = table.header().size();
        TableGrid grid = new TableGrid();
        grid.getStyleClass().add("md-table");
        for (int c = 0; c < columns; c++) {
            grid.add(cell(table.header().get(c), table.alignments().get(c), "md-table-header"), c, 0);
        }
        for (int r = 0; r < table.rows().size(); r++) {
            List<List<Markdown.Span>> row = table.rows().get(r);
            for (int c = 0; c < columns; c++) {
                Cell cell = cell(row.get(c), table.alignments().get(c), "md-table-cell");
                if (r % 2 == 1) {
                    cell.getStyleClass().add("md-table-stripe");
                }
                grid.add(cell, c, r + 1);
            }
        }
        // No wider than its columns: past them the grid's background (the colour of its lines) would show.
        grid.setMaxWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(4, MarkdownNodes.header("table", table::source), grid);
        box.getStyleClass().add("md-table-block");
        // The header's Copy button sits at the table's right edge, not the reply's.
        box.setMaxWidth(Region.USE_PREF_SIZE);
        return box;
    }

    private static Cell cell(List<Markdown.Span> spans, Markdown.Alignment alignment, String styleClass) {
        Cell cell = MarkdownNodes.fill(new Cell(), spans);
        cell.getStyleClass().add(styleClass);
        cell.setTextAlignment(switch (alignment) {
            case NONE, LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        });
        return cell;
    }

    /**
     * A cell's text, whose minimum width is its longest word: a {@code TextFlow}'s is nothing, and
     * {@link TableGrid} narrows columns towards their minimums, so cells would break words into
     * letters while whole words still fit.
     */
    static final class Cell extends TextFlow {
        @Override
        protected double computeMinWidth(double height) {
            // Asked again only after a layout request (a Parent remembers it), so measuring here is cheap enough.
            Text measure = new Text();
            double longest = 0;
            for (Node child : getChildren()) {
                if (child instanceof Text text) {
                    measure.setFont(text.getFont());
                    for (String word : text.getText().split("\\s+")) {
                        measure.setText(word);
                        longest = Math.max(longest, measure.getLayoutBounds().getWidth());
                    }
                }
            }
            Insets insets = getInsets();
            return snapSizeX(longest + insets.getLeft() + insets.getRight());
        }
    }
}
