package dev.localagent.studio.service.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The built-in prompt sets: written once, fixed, so two runs of the same set send the same words. */
final class BuiltInPrompts {

    private BuiltInPrompts() {}

    static List<BenchPrompt> shortChat() {
        return of(
                "What is a circuit breaker in distributed systems?",
                "Explain the difference between latency and throughput in two sentences.",
                "Give me three tips for writing clear commit messages.",
                "What does HTTP status 429 mean and how should a client react?",
                "Summarise what a connection pool is for.",
                "Why do people use exponential backoff with jitter?",
                "What is the difference between a process and a thread?",
                "Name four ways to make a web page load faster.",
                "What is a token in the context of language models?",
                "How does a least-recently-used cache decide what to evict?",
                "Explain coordinated omission in load testing.",
                "What is the CAP theorem, briefly?",
                "Suggest a name for a command-line tool that benchmarks APIs.",
                "What is the purpose of a bulkhead in software design?",
                "How is p99 latency different from average latency?",
                "Write a haiku about network timeouts.",
                "What are server-sent events?",
                "When should I prefer a queue over a direct call?",
                "What does idempotent mean for an HTTP request?",
                "Give a one-paragraph introduction to SQLite.",
                "What is a rate limiter and what algorithms implement one?",
                "Why does TLS add latency to the first request?",
                "Explain what a keep-alive connection saves.",
                "What is the difference between gzip and zstd?",
                "List the phases of an HTTP request from DNS to last byte.",
                "What makes a good dashboard for an on-call engineer?",
                "How can I tell if my service is CPU bound or I/O bound?",
                "What is head-of-line blocking?",
                "Explain JSON Lines and when it is useful.",
                "What is tail latency amplification in fan-out requests?",
                "How would you explain a load balancer to a child?",
                "What does a service-level objective promise?");
    }

    static List<BenchPrompt> code() {
        return of(
                "Write a Java method that reverses a singly linked list, with a short explanation.",
                "Write a Python function that merges overlapping intervals.",
                "Implement a token bucket rate limiter in Go.",
                "Write a SQL query for the top five customers by total order value.",
                "Write a bash script that retries a command up to five times with backoff.",
                "Write a TypeScript function that debounces another function.",
                "Implement binary search in Rust and list its edge cases.",
                "Write a Java record for a money amount with currency, and validate it.",
                "Show a minimal HTTP server in Python that returns JSON.",
                "Write a regular expression that matches ISO 8601 dates, and test cases for it.",
                "Write a function that parses server-sent events from a stream of lines.",
                "Implement an LRU cache in Java with O(1) get and put.",
                "Write a C function that counts the set bits in a 64-bit integer.",
                "Write unit tests for a function that formats durations like 1m30s.",
                "Refactor this to be clearer: for(int i=0;i<n;i++){if(a[i]>m){m=a[i];}}",
                "Write a Kotlin extension that chunks a list into pages of n items.");
    }

    /**
     * Eight long prompts of about 3,000 words each: a synthetic report followed by a question about
     * it, the shape of retrieval-augmented and summarising workloads.
     */
    static List<BenchPrompt> longContext() {
        String[] subjects = {"the payment service", "the search cluster", "the mobile gateway", "the billing pipeline",
            "the notification system", "the data warehouse", "the identity provider", "the model-serving fleet"};
        String[] verbs = {"recovered", "degraded", "was rebalanced", "was upgraded", "scaled out", "was throttled"};
        String[] causes = {"a configuration change", "a spike in traffic", "a failing disk", "an expired certificate",
            "a slow dependency", "a memory leak", "a noisy neighbour", "a network partition"};
        List<BenchPrompt> prompts = new ArrayList<>();
        for (int doc = 0; doc < subjects.length; doc++) {
            SplittableRandom random = new SplittableRandom(1_000 + doc);
            StringBuilder text = new StringBuilder("Read the following incident log and answer the question at the end.\n\n");
            for (int entry = 1; entry <= 150; entry++) {
                text.append("Entry ").append(entry).append(": at minute ").append(entry * 3 + random.nextInt(3)).append(", ")
                        .append(subjects[random.nextInt(subjects.length)]).append(' ').append(verbs[random.nextInt(verbs.length)])
                        .append(" after ").append(causes[random.nextInt(causes.length)]).append("; error rate ")
                        .append(random.nextInt(40)).append(" per thousand, p99 latency ").append(80 + random.nextInt(900))
                        .append(" ms.\n");
            }
            text.append("\nQuestion: which cause appears most often around ").append(subjects[doc])
                    .append(", and what would you change first?");
            prompts.add(BenchPrompt.of(text.toString()));
        }
        return prompts;
    }

    private static List<BenchPrompt> of(String... texts) {
        List<BenchPrompt> list = new ArrayList<>(texts.length);
        for (String t : texts) {
            list.add(BenchPrompt.of(t));
        }
        return list;
    }
}
