package dev.localagent.studio.service.cache;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds words and dates whose answer changes with the calendar ("today", "latest", "current
 * price", "2026-11-29", "March 3rd"). A false positive only costs a cache miss; a false negative
 * serves yesterday's answer, so the list leans towards catching too much.
 */
final class TimeSensitivePrompts {

    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    private static final Pattern SIGNALS = Pattern.compile(String.join("|",
            "\\b(?:today|tonight|tomorrow|yesterday)(?:'s)?\\b",
            "\\b(?:latest|newest|most recent|recently|breaking|up[- ]to[- ]date|real[- ]time)\\b",
            "\\bcurrent(?:ly)?\\b",
            "\\b(?:right now|as of now|at the moment|these days|nowadays|what time is it)\\b",
            "\\bthis (?:morning|afternoon|evening|week|weekend|month|quarter|year|season)\\b",
            "\\b(?:last|next) (?:week|weekend|month|quarter|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b",
            "\\b(?:news|headlines?|weather|forecast|stock price|share price|exchange rate|live score)\\b",
            "\\b(?:price|prices|pricing) (?:of|for|today)\\b",
            "\\b\\d{4}-\\d{2}-\\d{2}\\b",
            "\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b",
            "\\b" + MONTH + "\\.? \\d{1,2}(?:st|nd|rd|th)?\\b",
            "\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?" + MONTH + "\\b"));

    private TimeSensitivePrompts() {}

    /** The first time-sensitive phrase in the text, as written there. */
    static Optional<String> firstSignal(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SIGNALS.matcher(text.toLowerCase(Locale.ROOT));
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
