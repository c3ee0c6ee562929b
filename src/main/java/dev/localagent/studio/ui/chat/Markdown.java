package dev.localagent.studio.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markdown LLM replies use, read into blocks and styled spans: headings, paragraphs, bulleted
 * and numbered lists, block quotes, fenced code with its language, tables kept as monospace lines;
 * inside text, bold, italics, inline code and links. Anything else stays as it was written: a
 * reply is never lost to the parser. Pure, no JavaFX.
 */
final class Markdown {

    /** A run of text with one style. */
    record Span(String text, boolean bold, boolean italic, boolean code, String link) {
        static Span plain(String text) {
            return new Span(text, false, false, false, null);
        }
    }

    sealed interface Block permits Heading, Paragraph, ListItem, Quote, Code {}

    record Heading(int level, List<Span> spans) implements Block {}

    record Paragraph(List<Span> spans) implements Block {}

    /** @param marker {@code •} or the item's number with its dot */
    record ListItem(String marker, int indent, List<Span> spans) implements Block {}

    record Quote(List<Span> spans) implements Block {}

    /** @param language as written after the opening fence, or empty */
    record Code(String language, String text) implements Block {}

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\s*)(\\d{1,9})[.)]\\s+(.*)$");
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
            } else if (trimmed.startsWith("|")) {
                flush(paragraph, blocks);
                StringBuilder table = new StringBuilder(trimmed);
                while (i + 1 < lines.length && lines[i + 1].strip().startsWith("|")) {
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
        return !trimmed.isEmpty() && !trimmed.startsWith("```")
                && (HEADING.matcher(trimmed).matches() || BULLET.matcher(line).matches() || NUMBERED.matcher(line).matches()
                        || trimmed.startsWith(">"));
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
