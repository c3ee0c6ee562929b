package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.ui.chat.Markdown.Code;
import dev.localagent.studio.ui.chat.Markdown.Heading;
import dev.localagent.studio.ui.chat.Markdown.ListItem;
import dev.localagent.studio.ui.chat.Markdown.Paragraph;
import dev.localagent.studio.ui.chat.Markdown.Quote;
import dev.localagent.studio.ui.chat.Markdown.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void readsTheBlocksRepliesUse() {
        List<Markdown.Block> blocks = Markdown.parse("""
                ## Trade-offs

                A pool keeps **warm** connections
                for reuse.

                - first
                  - nested
                1. numbered
                > a quote
                ```java
                int x = 1;

                return x;
                ```
                | a | b |
                |---|---|
                """);

        assertThat(blocks).hasSize(8);
        assertThat(blocks.get(0)).isEqualTo(new Heading(2, List.of(Span.plain("Trade-offs"))));
        assertThat(blocks.get(1)).isEqualTo(new Paragraph(List.of(Span.plain("A pool keeps "),
                new Span("warm", true, false, false, null), Span.plain(" connections for reuse."))));
        assertThat(blocks.get(2)).isEqualTo(new ListItem("•", 0, List.of(Span.plain("first"))));
        assertThat(blocks.get(3)).isEqualTo(new ListItem("•", 1, List.of(Span.plain("nested"))));
        assertThat(blocks.get(4)).isEqualTo(new ListItem("1.", 0, List.of(Span.plain("numbered"))));
        assertThat(blocks.get(5)).isEqualTo(new Quote(List.of(Span.plain("a quote"))));
        assertThat(blocks.get(6)).isEqualTo(new Code("java", "int x = 1;\n\nreturn x;"));
        assertThat(blocks.get(7)).isEqualTo(new Code("table", "| a | b |\n|---|---|"));
    }

    @Test
    void aTableIsKeptAsMonospaceLines() {
        assertThat(Markdown.parse("| a | b |\n|---|---|\n| 1 | 2 |")).containsExactly(new Code("table", "| a | b |\n|---|---|\n| 1 | 2 |"));
    }

    @Test
    void readsInlineStyles() {
        assertThat(Markdown.spans("Use `retryAfter`, *carefully*, see [docs](https://example.org) and __this__."))
                .containsExactly(
                        Span.plain("Use "), new Span("retryAfter", false, false, true, null), Span.plain(", "),
                        new Span("carefully", false, true, false, null), Span.plain(", see "),
                        new Span("docs", false, false, false, "https://example.org"), Span.plain(" and "),
                        new Span("this", true, false, false, null), Span.plain("."));
    }

    @Test
    void nothingIsLostWhenMarkdownIsUnfinishedOrOdd() {
        assertThat(Markdown.parse("```python\nprint(1)")).containsExactly(new Code("python", "print(1)"));
        assertThat(Markdown.spans("2 * 3 * 4 and snake_case_name and **open")).extracting(Span::text)
                .containsExactly("2 * 3 * 4 and snake_case_name and **open");
    }
}
