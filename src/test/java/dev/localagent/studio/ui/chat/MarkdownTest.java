package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.ui.chat.Markdown.Alignment;
import dev.localagent.studio.ui.chat.Markdown.Code;
import dev.localagent.studio.ui.chat.Markdown.Heading;
import dev.localagent.studio.ui.chat.Markdown.ListItem;
import dev.localagent.studio.ui.chat.Markdown.Paragraph;
import dev.localagent.studio.ui.chat.Markdown.Quote;
import dev.localagent.studio.ui.chat.Markdown.Span;
import dev.localagent.studio.ui.chat.Markdown.Table;
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
        assertThat(blocks.get(7)).isEqualTo(new Table(List.of(Alignment.NONE, Alignment.NONE),
                List.of(List.of(Span.plain("a")), List.of(Span.plain("b"))), List.of(), "| a | b |\n|---|---|"));
    }

    @Test
    void readsATableWithTheAlignmentsOfItsDelimiterRowAndStyledCells() {
        String source = "| Setting | Default | Unit | Notes |\n|:--|:-:|--:|---|\n| `timeout` | **30** | s | see [docs](https://example.org) |";

        Table table = (Table) Markdown.parse("Defaults:\n" + source + "\n\nAfter.").get(1);

        assertThat(table.alignments()).containsExactly(Alignment.LEFT, Alignment.CENTER, Alignment.RIGHT, Alignment.NONE);
        assertThat(table.header()).containsExactly(List.of(Span.plain("Setting")), List.of(Span.plain("Default")),
                List.of(Span.plain("Unit")), List.of(Span.plain("Notes")));
        assertThat(table.rows()).containsExactly(List.of(
                List.of(new Span("timeout", false, false, true, null)),
                List.of(new Span("30", true, false, false, null)),
                List.of(Span.plain("s")),
                List.of(Span.plain("see "), new Span("docs", false, false, false, "https://example.org"))));
        assertThat(table.source()).isEqualTo(source);
        assertThat(Markdown.parse("Defaults:\n" + source + "\n\nAfter.")).hasSize(3)
                .startsWith(new Paragraph(List.of(Span.plain("Defaults:"))))
                .endsWith(new Paragraph(List.of(Span.plain("After."))));
    }

    @Test
    void anEscapedPipeIsTextInItsCellAndTheOuterPipesAreOptional() {
        Table table = (Table) Markdown.parse("a | b\n---|---\n`x \\| y` | p \\| q").getFirst();

        assertThat(table.header()).containsExactly(List.of(Span.plain("a")), List.of(Span.plain("b")));
        assertThat(table.rows()).containsExactly(List.of(
                List.of(new Span("x | y", false, false, true, null)), List.of(Span.plain("p | q"))));
    }

    @Test
    void aShortRowIsPaddedAndCellsPastTheHeaderAreDropped() {
        Table table = (Table) Markdown.parse("| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |").getFirst();

        assertThat(table.rows()).containsExactly(
                List.of(List.of(Span.plain("1")), List.of(), List.of()),
                List.of(List.of(Span.plain("1")), List.of(Span.plain("2")), List.of(Span.plain("3"))));
    }

    @Test
    void whileATableStreamsItsHeaderRowIsShownAsWrittenUntilTheDelimiterRowArrives() {
        assertThat(Markdown.parse("Compare:\n| a | b |")).containsExactly(
                new Paragraph(List.of(Span.plain("Compare:"))), new Code("table", "| a | b |"));
        assertThat(Markdown.parse("| a | b |\n")).containsExactly(new Code("table", "| a | b |"));
        assertThat(Markdown.parse("| a | b |\n|--")).containsExactly(new Code("table", "| a | b |\n|--"));

        assertThat(Markdown.parse("| a | b |\n|--|-")).singleElement().isInstanceOf(Table.class);
    }

    @Test
    void aRowStillBeingWrittenKeepsItsUnfinishedCell() {
        Table table = (Table) Markdown.parse("| a | b | c |\n|---|---|---|\n| 1 | fo").getFirst();

        assertThat(table.rows()).containsExactly(List.of(List.of(Span.plain("1")), List.of(Span.plain("fo")), List.of()));
        assertThat(((Table) Markdown.parse("| a | b |\n|---|---|\n|").getFirst()).rows())
                .containsExactly(List.of(List.of(), List.of()));
    }

    @Test
    void pipeLinesThatAreNoTableStayMonospaceLinesAndATableAfterThemIsStillOne() {
        List<Markdown.Block> blocks = Markdown.parse("| just | some |\n| pipes |\n| a | b |\n|---|---|\n| 1 | 2 |");

        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0)).isEqualTo(new Code("table", "| just | some |\n| pipes |"));
        assertThat(blocks.get(1)).isInstanceOf(Table.class);
        assertThat(Markdown.parse("| a | b |\n|---|\n| 1 | 2 |")).as("a delimiter row of another width")
                .containsExactly(new Code("table", "| a | b |\n|---|\n| 1 | 2 |"));
        assertThat(Markdown.parse("either a | b\n---")).as("no pipe in the dashes: prose")
                .containsExactly(new Paragraph(List.of(Span.plain("either a | b ---"))));
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
