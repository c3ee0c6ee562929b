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

/** Turns parsed markdown into nodes, styled by chat.css; code blocks get their language and a Copy button. */
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
        return Markdown.parse(markdown).stream().map(MarkdownNodes::node).toList();
    }

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
            // Shown as before, as its lines, until tables get nodes of their own.
            case Markdown.Table table -> codeBlock(new Markdown.Code("table", table.source()));
        };
    }

    private static Node codeBlock(Markdown.Code code) {
        Label language = new Label(code.language().isEmpty() ? "code" : code.language());
        language.getStyleClass().add("md-code-language");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.getStyleClass().addAll("small", "flat", "md-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(code.text());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        HBox header = new HBox(6, language, spacer, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        Label body = new Label(code.text());
        body.getStyleClass().add("md-code");
        body.setWrapText(true);
        VBox box = new VBox(4, header, body);
        box.getStyleClass().add("md-code-block");
        Skins.now(language, copy, body);
        return box;
    }

    private static TextFlow flow(List<Markdown.Span> spans) {
        TextFlow flow = new TextFlow();
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
