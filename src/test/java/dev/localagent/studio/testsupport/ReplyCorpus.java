package dev.localagent.studio.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic corpus of replies shaped like an assistant's: a short opening, markdown headings,
 * bullet lists, a fenced code block now and then, and prose built word by word from a few hundred
 * words of technical English, so that no two sentences need repeat. The same seed always gives the
 * same texts. Used by the estimator's calibration tests and the compression benchmark.
 */
public final class ReplyCorpus {

    private static final String[] OPENINGS = {
        "Sure! Here's a breakdown.", "Great question.", "Short answer: it depends on the workload.", "Let me walk through it step by step.",
        "Here is what is going on.", "There are a few ways to approach this.", "Good catch - this is a common pitfall."
    };
    private static final String[] SUBJECTS = {
        "the cache", "a connection pool", "the scheduler", "your service", "the garbage collector", "each request", "the client",
        "a virtual thread", "the database", "the load balancer", "an index", "the compiler", "the tokenizer", "a retry policy",
        "the circuit breaker", "the event loop", "the parser", "your test suite", "the message queue", "a hash map", "the kernel",
        "the browser", "the model", "the stream", "a worker process", "the build", "the network stack", "a background job"
    };
    private static final String[] VERBS = {
        "keeps", "reduces", "increases", "avoids", "handles", "stores", "reuses", "serialises", "validates", "blocks on", "skips",
        "spreads", "measures", "caches", "evicts", "retries", "compresses", "batches", "buffers", "schedules", "rejects", "splits"
    };
    private static final String[] OBJECTS = {
        "the hot path", "idle connections", "recent results", "every incoming write", "slow queries", "the whole payload",
        "short-lived objects", "duplicate work", "latency spikes", "the request body", "stale entries", "memory pressure",
        "lock contention", "the first byte", "tail latency", "partial failures", "large responses", "concurrent readers",
        "the critical section", "network round trips", "the response headers", "user input", "the last known state"
    };
    private static final String[] QUALIFIERS = {
        "under heavy load", "in most cases", "when the data fits in memory", "without extra configuration", "at the cost of some memory",
        "as long as the keys are stable", "if you measure first", "on a cold start", "for read-heavy workloads", "across restarts",
        "with a small overhead", "before it reaches the disk", "in the common case", "once the pool is warm", "during a deployment"
    };
    private static final String[] CONNECTORS = {
        "However,", "In practice,", "As a result,", "On the other hand,", "For example,", "Note that", "In short,", "That said,",
        "Because of this,", "Similarly,", "In contrast,", "Finally,"
    };
    private static final String[] HEADINGS = {
        "Why it happens", "How to fix it", "Trade-offs", "Example", "Key points", "When to use it", "Performance notes",
        "Common mistakes", "Summary", "Next steps"
    };
    private static final String[] CODE = {
        "```java\nMap<String, Integer> counts = new HashMap<>();\nfor (String word : words) {\n    counts.merge(word, 1, Integer::sum);\n}\n```",
        "```python\ndef retry(fn, attempts=3):\n    for i in range(attempts):\n        try:\n            return fn()\n        except IOError:\n            time.sleep(2 ** i)\n    raise RuntimeError(\"gave up\")\n```",
        "```sql\nSELECT user_id, COUNT(*) AS orders\nFROM orders\nWHERE created_at > now() - interval '7 days'\nGROUP BY user_id\nORDER BY orders DESC;\n```",
        "```bash\ncurl -s http://localhost:8080/health | jq '.status'\n```",
        "```js\nconst res = await fetch(url, { headers: { Accept: 'application/json' } });\nif (!res.ok) throw new Error(res.statusText);\n```"
    };

    private ReplyCorpus() {}

    /** {@code count} replies of roughly {@code approxBytes} each. */
    public static List<String> replies(long seed, int count, int approxBytes) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(reply(random, approxBytes));
        }
        return out;
    }

    public static String reply(Random random, int approxBytes) {
        StringBuilder b = new StringBuilder(approxBytes + 256);
        b.append(pick(random, OPENINGS)).append("\n\n");
        while (b.length() < approxBytes) {
            switch (random.nextInt(5)) {
                case 0 -> b.append("## ").append(pick(random, HEADINGS)).append("\n\n");
                case 1 -> {
                    int items = 2 + random.nextInt(4);
                    for (int i = 0; i < items; i++) {
                        b.append(random.nextBoolean() ? "- " : (i + 1) + ". ").append(sentence(random)).append('\n');
                    }
                    b.append('\n');
                }
                case 2 -> {
                    if (random.nextInt(3) == 0) {
                        b.append(pick(random, CODE)).append("\n\n");
                    } else {
                        b.append(paragraph(random));
                    }
                }
                default -> b.append(paragraph(random));
            }
        }
        return b.toString().strip();
    }

    private static String paragraph(Random random) {
        StringBuilder p = new StringBuilder();
        int sentences = 2 + random.nextInt(4);
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                p.append(' ');
                if (random.nextInt(3) == 0) {
                    p.append(pick(random, CONNECTORS)).append(' ');
                }
            }
            p.append(sentence(random));
        }
        return p.append("\n\n").toString();
    }

    private static String sentence(Random random) {
        String s = pick(random, SUBJECTS) + " " + pick(random, VERBS) + " " + pick(random, OBJECTS);
        if (random.nextBoolean()) {
            s += " " + pick(random, QUALIFIERS);
        }
        if (random.nextInt(4) == 0) {
            s += " (about " + (1 + random.nextInt(98)) + (random.nextBoolean() ? "%" : " ms") + ")";
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + (random.nextInt(8) == 0 ? "!" : ".");
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
