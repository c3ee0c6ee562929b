package dev.localagent.studio.ui.chat;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Turns parsed markdown into nodes, styled by chat.css; code blocks and tables get a header with
 * their kind and a Copy button (tables are built by {@link MarkdownTables}).
 */
final class MarkdownNodes {

    private MarkdownNodes() {}

    static VBox of(String markdown) {
        VBox box = new VBox(6);
        box.getStyleClass().add("markdown");
        box.getChildren().setAll(nodes(markdown));
        return box;
    }

    /** One node per block, for a caller that lays them out itself. */
    static List<Node> nodes(String markdown) {
        return nodes(Markdown.parse(markdown));
    }

    static List<Node> nodes(List<Markdown.Block> blocks) {
        return blocks.stream().map(MarkdownNodes::node).toList();
    }

    /**
     * Shows a code block's grown text in the node built for it earlier, if {@code node} is a code
     * block in the same language; false (nothing changed) otherwise. A streaming code block gets a
     * line or two per batch: building it anew each time (a label, a button, their skins and styles,
     * and the whole text measured in a new label) grew with the block, for a long one past a frame.
     */
    static boolean regrow(Node node, Markdown.Code code) {
        if (node.getUserData() instanceof CodeBody body && body.language().equals(code.language())) {
            body.text().setText(code.text());
            return true;
        }
        return false;
    }

    /** What a code block's node keeps for {@link #regrow}: its language and the label with its text. */
    private record CodeBody(String language, Label text) {}

    private static Node node(Markdown.Block block) {
        return switch (block) {
            case Markdown.Heading h -> styled(flow(h.spans()), "md-heading", "md-h" + h.level());
            case Markdown.Paragraph p -> flow(p.spans());
            case Markdown.Quote q -> styled(flow(q.spans()), "md-quote");
            case Markdown.ListItem item -> {
                // A Text, not a Label: a Label's skin sets its text node up in layout, after the
                // pulse's CSS pass, which left the row needing CSS and made the next pulse repaint
                // the whole window with nothing changed (see docs/decisions, chat streaming layout).
                Text marker = new Text(item.marker());
                marker.getStyleClass().add("md-marker");
                TextFlow text = flow(item.spans());
                HBox.setHgrow(text, Priority.ALWAYS);
                HBox row = new HBox(6, marker, text);
                row.setPadding(new javafx.geometry.Insets(0, 0, 0, 12 + 16 * item.indent()));
                yield row;
            }
            case Markdown.Code code -> codeBlock(code);
            case Markdown.Table table -> MarkdownTables.node(table);
        };
    }

    private static Node codeBlock(Markdown.Code code) {
        Label body = new Label(code.text());
        body.getStyleClass().add("md-code");
        body.setWrapText(true);
        body.setMinHeight(Region.USE_PREF_SIZE); // code is never cut short to "...": all of its lines, wrapped, or none
        // Copy takes the text of the moment: it grows in place while the reply streams (regrow).
        VBox box = new VBox(4, header(code.language().isEmpty() ? "code" : code.language(), body::getText), body);
        box.getStyleClass().add("md-code-block");
        box.setUserData(new CodeBody(code.language(), body));
        Skins.now(body);
        return box;
    }

    /** A block's header: what it is on the left, a button that copies {@code source} on the right. Skinned already. */
    static HBox header(String kind, java.util.function.Supplier<String> source) {
        Label language = new Label(kind);
        language.getStyleClass().add("md-code-language");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.getStyleClass().addAll("small", "flat", "md-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(source.get());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        HBox header = new HBox(6, language, spacer, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        Skins.now(language, copy);
        return header;
    }

    private static TextFlow flow(List<Markdown.Span> spans) {
        return fill(new TextFlow(), spans);
    }

    /** Adds a styled text node per span to {@code flow}. */
    static <F extends TextFlow> F fill(F flow, List<Markdown.Span> spans) {
        for (Markdown.Span span : spans) {
            Text text = new Text(span.text());
            text.getStyleClass().add("md-text");
            if (span.bold()) {
                text.getStyleClass().add("md-bold");
            }
            if (span.italic()) {
                text.getStyleClass().add("md-italic");
            }
            if (span.code()) {
                text.getStyleClass().add("md-inline-code");
            }
            if (span.link() != null) {
                text.getStyleClass().add("md-link");
            }
            flow.getChildren().add(text);
        }
        return flow;
    }

    private static <T extends Node> T styled(T node, String... classes) {
        node.getStyleClass().addAll(classes);
        return node;
    }
}
