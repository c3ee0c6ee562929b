package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Markdown tables as nodes, styled by chat.css in the light theme and laid out in a reply's width. */
class MarkdownNodesTest {

    private static final String TABLE = """
            | Setting | Default | Notes |
            |---|:-:|--:|
            | `timeout` | 30 s | Stops waiting for a slow upstream |
            | `retryAfter` | 1 s | Honoured up to a **cap** |""";

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aTableBecomesAGridWithABoldHeaderRowAndItsColumnsAligned() throws Exception {
        onFx(() -> {
            VBox reply = reply(TABLE, 900);
            GridPane grid = (GridPane) reply.lookup(".md-table");

            assertThat(grid.getColumnCount()).isEqualTo(3);
            assertThat(grid.getRowCount()).isEqualTo(3);
            assertThat(grid.getChildren()).hasSize(9).allSatisfy(cell -> {
                // One TextFlow per cell and its text nodes, nothing more.
                assertThat(cell).isInstanceOf(TextFlow.class);
                assertThat(((TextFlow) cell).getChildren()).isNotEmpty().allMatch(Text.class::isInstance);
            });
            for (Node cell : grid.getChildren()) {
                boolean header = GridPane.getRowIndex(cell) == 0;
                assertThat(cell.getStyleClass()).contains(header ? "md-table-header" : "md-table-cell");
                Text first = (Text) ((TextFlow) cell).getChildren().getFirst();
                assertThat(first.getFont().getStyle()).as(first.getText())
                        .satisfies(style -> assertThat(style.contains("Bold")).isEqualTo(header));
                assertThat(((TextFlow) cell).getTextAlignment()).isEqualTo(switch (GridPane.getColumnIndex(cell)) {
                    case 0 -> TextAlignment.LEFT;
                    case 1 -> TextAlignment.CENTER;
                    default -> TextAlignment.RIGHT;
                });
            }
            Text notes = (Text) ((TextFlow) cellAt(grid, 2, 2)).getChildren().getLast();
            assertThat(notes.getText()).isEqualTo("cap");
            assertThat(notes.getFont().getStyle()).contains("Bold");
            return null;
        });
    }

    @Test
    void itsCopyButtonCopiesTheTableAsMarkdown() throws Exception {
        onFx(() -> {
            VBox reply = reply("Before.\n\n" + TABLE + "\n\nAfter.", 900);
            Button copy = (Button) reply.lookup(".md-table-block .md-copy");

            copy.fire();

            assertThat(Clipboard.getSystemClipboard().getString()).isEqualTo(TABLE);
            assertThat(copy.getText()).isEqualTo("Copied");
            return null;
        });
    }

    /**
     * The software renderer draws part opacity, effects and small rounded corners through slow
     * paths, and a streaming reply rebuilds its open block (a table, too) every batch.
     */
    @Test
    void nothingInATableIsDrawnAtPartOpacityWithAnEffectOrARoundedCorner() throws Exception {
        onFx(() -> {
            VBox reply = reply(TABLE, 900);
            Node block = reply.lookup(".md-table-block");

            assertThat(descendants(block)).allSatisfy(node -> {
                assertThat(node.getOpacity()).isEqualTo(1.0);
                assertThat(node.getEffect()).isNull();
                if (node instanceof Region region && region.getBackground() != null && !(node instanceof Button)) {
                    assertThat(region.getBackground().getFills()).allMatch(fill -> fill.getRadii().equals(CornerRadii.EMPTY));
                    assertThat(region.getBorder()).isNull();
                }
            });
            return null;
        });
    }

    @Test
    void aTableWiderThanTheReplyWrapsItsCellsBetweenWordsWithinTheReply() throws Exception {
        String wide = "| Name | Kind | Notes |\n|---|---|---|\n| `retryAfter` | header | "
                + "The server says how long to wait before the next attempt, and the client waits that long. ".repeat(4) + "|";
        onFx(() -> {
            VBox reply = reply(wide, 500);
            GridPane grid = (GridPane) reply.lookup(".md-table");

            assertThat(reply.getWidth()).isEqualTo(500);
            assertThat(grid.getWidth()).isLessThanOrEqualTo(500).isLessThan(grid.prefWidth(-1));
            TextFlow notes = (TextFlow) cellAt(grid, 2, 1);
            assertThat(notes.getHeight()).as("the notes wrap").isGreaterThan(3 * ((Region) cellAt(grid, 2, 0)).getHeight());
            for (int c = 0; c < 2; c++) {
                Region cell = (Region) cellAt(grid, c, 1);
                assertThat(cell.getWidth()).as("column %d keeps its words whole", c).isGreaterThanOrEqualTo(cell.minWidth(-1));
            }
            // The columns share the reply's width: no gap to the right, no cell past the edge.
            Node last = cellAt(grid, 2, 0);
            assertThat(last.getBoundsInParent().getMaxX()).isBetween(grid.getWidth() - 2, grid.getWidth());
            return null;
        });
    }

    @Test
    void aTableOfManyColumnsDoesNotWidenTheReplyPastItsWidth() throws Exception {
        String header = "| " + "column ".repeat(12).strip().replace(" ", " | ") + " |";
        String delimiter = "|" + "---|".repeat(12);
        String row = "| " + "supercalifragilistic ".repeat(12).strip().replace(" ", " | ") + " |";
        onFx(() -> {
            VBox reply = reply(header + "\n" + delimiter + "\n" + row, 400);
            GridPane grid = (GridPane) reply.lookup(".md-table");

            assertThat(grid.getColumnCount()).isEqualTo(12);
            assertThat(reply.minWidth(-1)).isLessThan(400);
            assertThat(reply.getWidth()).isEqualTo(400);
            assertThat(grid.getWidth()).isLessThanOrEqualTo(400);
            assertThat(grid.getChildren()).allSatisfy(cell -> assertThat(cell.getLayoutX() + ((Region) cell).getWidth())
                    .isLessThanOrEqualTo(grid.getWidth()));
            return null;
        });
    }

    @Test
    void aSmallTableKeepsItsOwnWidthInAWideReply() throws Exception {
        onFx(() -> {
            VBox reply = reply("| a | b |\n|---|---|\n| 1 | 2 |", 900);
            GridPane grid = (GridPane) reply.lookup(".md-table");

            // Wider, the grid's background (the colour of its lines) would show past the last column.
            assertThat(grid.getWidth()).isEqualTo(grid.prefWidth(-1)).isLessThan(200);
            assertThat(cellAt(grid, 1, 1).getBoundsInParent().getMaxX()).isEqualTo(grid.getWidth() - 1);
            return null;
        });
    }

    /** The markdown rendered in a reply of the given width (its box as a bubble's, no wider), styled and laid out. */
    private static VBox reply(String markdown, double width) {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        VBox reply = MarkdownNodes.of(markdown);
        reply.setMaxWidth(width);
        StackPane root = new StackPane(reply);
        root.setAlignment(Pos.TOP_LEFT);
        Scene scene = new Scene(root, 2_000, 2_000);
        scene.getStylesheets().add(ChatView.class.getResource("chat.css").toExternalForm());
        root.applyCss();
        root.layout();
        return reply;
    }

    private static Node cellAt(GridPane grid, int column, int row) {
        return grid.getChildren().stream()
                .filter(n -> GridPane.getColumnIndex(n) == column && GridPane.getRowIndex(n) == row)
                .findFirst().orElseThrow();
    }

    private static List<Node> descendants(Node node) {
        List<Node> all = new ArrayList<>(List.of(node));
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> all.addAll(descendants(c)));
        }
        return all;
    }

    private static void onFx(Callable<Void> test) throws Exception {
        WaitForAsyncUtils.asyncFx(test).get(30, TimeUnit.SECONDS);
    }
}
