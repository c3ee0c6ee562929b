package dev.localagent.studio.sim;

import java.util.SplittableRandom;

/**
 * Writes replies that read like an assistant's: a topic taken from the prompt, a few paragraphs,
 * now and then a heading, a bullet list, a code block or a small table, so the chat renderer has
 * real markdown to draw. Everything follows from a hash of model, conversation and seed: the same
 * request gives the same text, byte for byte, on every run and machine.
 */
final class ReplyGenerator {

    private static final String[] SUBJECTS = {"The client", "A circuit breaker", "The retry policy", "Each request", "The connection pool",
        "A streaming response", "The cache", "The model", "Your configuration", "The rate limiter", "This approach", "The server"};
    private static final String[] VERBS = {"keeps", "measures", "reduces", "tracks", "protects", "reuses", "limits", "reports",
        "balances", "schedules", "records", "smooths"};
    private static final String[] OBJECTS = {"the time to first token", "latency under load", "the number of open connections",
        "tokens per second", "the error budget", "bursts of traffic", "cold starts", "the prompt size", "slow upstream calls",
        "the cost of each reply"};
    private static final String[] TAILS = {"without extra threads", "when the network is slow", "for every provider", "in most cases",
        "across retries", "at a predictable pace", "with little overhead", "before the user notices", "even under heavy load",
        "as the window slides"};
    private static final String[] OPENERS = {"Here is a short overview of %s.", "Good question about %s.",
        "Let's look at %s step by step.", "There are a few things to know about %s."};
    private static final String[] HEADINGS = {"## Why it matters", "## In practice", "### A closer look", "### Trade-offs"};
    private static final String[] TERMS = {"retryAfter", "maxTokens", "timeout", "keepAlive", "backoff", "stream"};
    private static final String[] CODE = {
        "```java\nvar reply = client.chat(request);\nSystem.out.println(reply.text());\n```",
        "```python\nfor chunk in stream:\n    print(chunk.text, end=\"\")\n```",
        "```bash\ncurl -s http://127.0.0.1:11434/api/tags | jq '.models[].name'\n```"};

    /** A setting, as code, and its default, for the small table some replies carry. */
    private static final String[][] SETTINGS = {{"`timeout`", "30 s"}, {"`retryAfter`", "1 s"}, {"`maxTokens`", "1024"},
        {"`keepAlive`", "5 min"}, {"`backoff`", "2x"}, {"`stream`", "on"}};

    private ReplyGenerator() {}

    /**
     * @param maxTokens the request's output limit, or {@code null} for the model's own
     * @param citations when above 0, sentences end with {@code [n]} markers up to that number
     * @param thinking whether the model spends hidden reasoning tokens
     */
    static Reply generate(SimModel model, String conversation, long seed, Integer maxTokens, int citations, boolean thinking) {
        long hash = fnv(model.id()) * 31 + fnv(conversation);
        SplittableRandom random = new SplittableRandom(hash ^ (seed * 0x9E3779B97F4A7C15L));
        int target = 40 + random.nextInt(260);
        String text = write(random, topic(conversation), target, citations);
        int limit = Math.min(maxTokens == null ? Integer.MAX_VALUE : maxTokens, model.maxOutputTokens());
        int thoughts = thinking ? 16 + random.nextInt(240) : 0;
        return Reply.of(text, limit, thoughts);
    }

    private static String write(SplittableRandom r, String topic, int targetTokens, int citations) {
        StringBuilder out = new StringBuilder(targetTokens * 5);
        out.append(String.format(OPENERS[r.nextInt(OPENERS.length)], topic));
        out.append(' ').append(sentence(r, citations));
        boolean codeUsed = false;
        boolean tableUsed = false;
        boolean headingLast = false;
        // about 4.5 characters per token on this vocabulary: cheap to check, close enough to stop
        while (out.length() < targetTokens * 4.5) {
            int kind = r.nextInt(10);
            if (kind == 8 && headingLast) {
                kind = 0;
            }
            headingLast = kind == 8;
            if (kind < 6) {
                out.append("\n\n");
                int sentences = 2 + r.nextInt(3);
                for (int i = 0; i < sentences; i++) {
                    out.append(i == 0 ? "" : " ").append(sentence(r, citations));
                }
            } else if (kind < 8) {
                out.append("\n\n");
                for (int i = 0; i < 3; i++) {
                    out.append(i == 0 ? "" : "\n").append("- **").append(capital(OBJECTS[r.nextInt(OBJECTS.length)]))
                            .append("**: ").append(sentence(r, 0));
                }
            } else if (kind == 8) {
                out.append("\n\n").append(HEADINGS[r.nextInt(HEADINGS.length)]);
            } else if (!codeUsed) {
                codeUsed = true;
                out.append("\n\n").append(CODE[r.nextInt(CODE.length)]);
            } else if (!tableUsed) {
                // The second draw of this kind, which used to add nothing: replies without one are unchanged.
                tableUsed = true;
                out.append("\n\n").append(table(r));
            }
        }
        out.append("\n\nIn short, set `").append(TERMS[r.nextInt(TERMS.length)]).append("` with care and measure the effect.");
        return out.toString();
    }

    /** A few settings with their defaults (right-aligned) and what they change. */
    private static String table(SplittableRandom r) {
        StringBuilder table = new StringBuilder("| Setting | Default | What it changes |\n|---|--:|---|");
        int first = r.nextInt(SETTINGS.length);
        int rows = 2 + r.nextInt(3);
        for (int i = 0; i < rows; i++) {
            String[] setting = SETTINGS[(first + i) % SETTINGS.length];
            table.append("\n| ").append(setting[0]).append(" | ").append(setting[1]).append(" | ")
                    .append(capital(OBJECTS[r.nextInt(OBJECTS.length)])).append(' ').append(TAILS[r.nextInt(TAILS.length)]).append(" |");
        }
        return table.toString();
    }

    private static String sentence(SplittableRandom r, int citations) {
        String s = SUBJECTS[r.nextInt(SUBJECTS.length)] + " " + VERBS[r.nextInt(VERBS.length)] + " "
                + OBJECTS[r.nextInt(OBJECTS.length)] + " " + TAILS[r.nextInt(TAILS.length)];
        if (citations > 0 && r.nextInt(3) == 0) {
            s += " [" + (1 + r.nextInt(citations)) + "]";
        }
        return s + ".";
    }

    /** The longest plain word of the last line of the prompt, so replies seem to be about it. */
    private static String topic(String conversation) {
        conversation = conversation.stripTrailing();
        int from = Math.max(0, conversation.lastIndexOf('\n') + 1);
        String best = "";
        int start = -1;
        for (int i = from; i <= conversation.length(); i++) {
            boolean letter = i < conversation.length() && Character.isLetter(conversation.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                if (i - start > best.length() && i - start <= 24) {
                    best = conversation.substring(start, i);
                }
                start = -1;
            }
        }
        return best.length() < 3 ? "your question" : "**" + best.toLowerCase(java.util.Locale.ROOT) + "**";
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
