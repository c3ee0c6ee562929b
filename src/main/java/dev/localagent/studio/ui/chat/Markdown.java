package dev.localagent.studio.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markdown LLM replies use, read into blocks and styled spans: headings, paragraphs, bulleted
 * and numbered lists, block quotes, fenced code with its language, GitHub-style tables (other lines
 * starting with a pipe stay monospace lines); inside text, bold, italics, inline code and links. Anything else stays as it was written: a
 * reply is never lost to the parser. Pure, no JavaFX.
 */
final class Markdown {

    /** A run of text with one style. */
    record Span(String text, boolean bold, boolean italic, boolean code, String link) {
        static Span plain(String text) {
            return new Span(text, false, false, false, null);
        }
    }

    sealed interface Block permits Heading, Paragraph, ListItem, Quote, Code, Table {}

    record Heading(int level, List<Span> spans) implements Block {}

    record Paragraph(List<Span> spans) implements Block {}

    /** @param marker {@code •} or the item's number with its dot */
    record ListItem(String marker, int indent, List<Span> spans) implements Block {}

    record Quote(List<Span> spans) implements Block {}

    /** @param language as written after the opening fence, or empty */
    record Code(String language, String text) implements Block {}

    /** How a column's cells line up, from the colons of the table's delimiter row. */
    enum Alignment { NONE, LEFT, CENTER, RIGHT }

    /**
     * A GitHub-style table; every row has exactly as many cells as the header (short rows are
     * padded with empty cells, extra cells dropped), each cell its spans.
     *
     * @param source the table's lines as written (stripped), for copying
     */
    record Table(List<Alignment> alignments, List<List<Span>> header, List<List<List<Span>>> rows, String source)
            implements Block {}

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\s*)(\\d{1,9})[.)]\\s+(.*)$");
    private static final Pattern DELIMITER = Pattern.compile(":?-+:?");
    private static final Pattern INLINE = Pattern.compile("\\*\\*(.+?)\\*\\*|__(.+?)__|`([^`]+)`|\\*(?!\\s)(.+?)(?<!\\s)\\*|(?<![\\w])_(?!\\s)(.+?)(?<!\\s)_(?![\\w])|\\[([^\\]]+)]\\(([^)\\s]+)\\)");

    private Markdown() {}

    static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                flush(paragraph, blocks);
                String language = trimmed.substring(3).strip();
                StringBuilder code = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].strip().startsWith("```")) {
                    code.append(code.isEmpty() && j == i + 1 ? "" : "\n").append(lines[j]);
                    j++;
                }
                blocks.add(new Code(language, code.toString()));
                i = j; // past the closing fence, or the end of a reply still streaming
                continue;
            }
            Matcher m;
            if (trimmed.isEmpty()) {
                flush(paragraph, blocks);
            } else if ((m = HEADING.matcher(trimmed)).matches()) {
                flush(paragraph, blocks);
                blocks.add(new Heading(m.group(1).length(), spans(m.group(2))));
            } else if ((m = BULLET.matcher(line)).matches()) {
                flush(paragraph, blocks);
                blocks.add(new ListItem("•", m.group(1).length() / 2, spans(m.group(2))));
            } else if ((m = NUMBERED.matcher(line)).matches()) {
                flush(paragraph, blocks);
                blocks.add(new ListItem(m.group(2) + ".", m.group(1).length() / 2, spans(m.group(3))));
            } else if (trimmed.startsWith(">")) {
                flush(paragraph, blocks);
                blocks.add(new Quote(spans(trimmed.substring(1).strip())));
            } else if (tableStartsAt(lines, i)) {
                flush(paragraph, blocks);
                int end = i + 2;
                while (end < lines.length && !lines[end].isBlank() && lines[end].indexOf('|') >= 0) {
                    end++;
                }
                blocks.add(table(List.of(lines).subList(i, end)));
                i = end - 1;
            } else if (trimmed.startsWith("|")) {
                // Pipe lines that are no table (yet: while a reply streams, a table's header row
                // arrives before its delimiter row) are shown as they are written.
                flush(paragraph, blocks);
                StringBuilder table = new StringBuilder(trimmed);
                while (i + 1 < lines.length && lines[i + 1].strip().startsWith("|") && !tableStartsAt(lines, i + 1)) {
                    table.append('\n').append(lines[++i].strip());
                }
                blocks.add(new Code("table", table.toString()));
            } else {
                paragraph.add(trimmed);
            }
        }
        flush(paragraph, blocks);
        return blocks;
    }

    /**
     * Whether a whole line (outside a code fence) is a block of its own that nothing after it can
     * extend: a heading, a list item or a quote line. Once its line has ended, the blocks up to it
     * are final, which lets a streaming reply settle a list item by item rather than at the next
     * blank line. Mirrors {@link #parse}'s order of checks.
     */
    static boolean standsAlone(String line) {
        String trimmed = line.strip();
        // A line with a pipe may be a table's header row, whose delimiter row has not arrived yet.
        return !trimmed.isEmpty() && trimmed.indexOf('|') < 0 && !trimmed.startsWith("```")
                && (HEADING.matcher(trimmed).matches() || BULLET.matcher(line).matches() || NUMBERED.matcher(line).matches()
                        || trimmed.startsWith(">"));
    }

    /**
     * Whether a table starts here: a row with a pipe, then a delimiter row with as many cells, each
     * of dashes with optional colons. The delimiter row must hold a pipe too, so that a dashed line
     * under a line of prose is not taken for a one-column table.
     */
    private static boolean tableStartsAt(String[] lines, int i) {
        if (i + 1 >= lines.length || lines[i].indexOf('|') < 0 || lines[i + 1].indexOf('|') < 0) {
            return false;
        }
        List<String> delimiters = cells(lines[i + 1]);
        return !delimiters.isEmpty() && delimiters.size() == cells(lines[i]).size()
                && delimiters.stream().allMatch(d -> DELIMITER.matcher(d).matches());
    }

    /** A table from its header row, delimiter row and body rows. */
    private static Table table(List<String> lines) {
        List<String> header = cells(lines.get(0));
        List<Alignment> alignments = cells(lines.get(1)).stream().map(d -> {
            boolean left = d.startsWith(":");
            boolean right = d.endsWith(":");
            return left && right ? Alignment.CENTER : left ? Alignment.LEFT : right ? Alignment.RIGHT : Alignment.NONE;
        }).toList();
        List<List<List<Span>>> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            List<List<Span>> row = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                row.add(c < cells.size() ? spans(cells.get(c)) : List.of());
            }
            rows.add(row);
        }
        String source = String.join("\n", lines.stream().map(String::strip).toList());
        return new Table(alignments, header.stream().map(Markdown::spans).toList(), rows, source);
    }

    /**
     * A row's cells, stripped, split at its pipes; the pipes at either end are optional and an
     * escaped pipe ({@code \|}) is text. Text after the last pipe is a cell, so a row still being
     * written keeps its last, unfinished cell.
     */
    static List<String> cells(String line) {
        String row = line.strip();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int from = row.startsWith("|") ? 1 : 0;
        boolean closed = from == 1; // nothing after the last pipe yet
        for (int k = from; k < row.length(); k++) {
            char c = row.charAt(k);
            if (c == '\\' && k + 1 < row.length() && row.charAt(k + 1) == '|') {
                cell.append('|');
                k++;
                closed = false;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
                closed = true;
            } else {
                cell.append(c);
                closed = false;
            }
        }
        if (!closed) {
            cells.add(cell.toString().strip());
        }
        return cells;
    }

    private static void flush(List<String> paragraph, List<Block> blocks) {
        if (!paragraph.isEmpty()) {
            blocks.add(new Paragraph(spans(String.join(" ", paragraph))));
            paragraph.clear();
        }
    }

    static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = INLINE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                spans.add(Span.plain(text.substring(at, m.start())));
            }
            if (m.group(1) != null || m.group(2) != null) {
                spans.add(new Span(m.group(1) != null ? m.group(1) : m.group(2), true, false, false, null));
            } else if (m.group(3) != null) {
                spans.add(new Span(m.group(3), false, false, true, null));
            } else if (m.group(4) != null || m.group(5) != null) {
                spans.add(new Span(m.group(4) != null ? m.group(4) : m.group(5), false, true, false, null));
            } else {
                spans.add(new Span(m.group(6), false, false, false, m.group(7)));
            }
            at = m.end();
        }
        if (at < text.length()) {
            spans.add(Span.plain(text.substring(at)));
        }
        return spans;
    }
}
