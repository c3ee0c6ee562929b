package dev.localagent.studio.sim;

/** Test helper: a Java string as a JSON string literal. */
final class SimJsonQuote {

    private SimJsonQuote() {}

    static String of(String s) {
        try {
            return SimHarness.JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
