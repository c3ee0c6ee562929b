package dev.localagent.studio.service.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.studio.service.config.PriceOverride;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * List prices by model: a dated table bundled as a resource ({@code prices.json}), with the user's
 * overrides from the config laid over it. Lookup is by exact name, then by a dated snapshot of a
 * known name ({@code gpt-4o-mini-2024-07-18} is {@code gpt-4o-mini}); anything else is unknown
 * rather than priced as a lookalike ({@code o3-mini} is not {@code o3}). Immutable.
 */
public final class PriceTable {

    static final String RESOURCE = "prices.json";

    private final LocalDate asOf;
    private final Map<String, ModelPrice> byModel;
    /**
     * Names already resolved through the snapshot scan. A reply names its model on every call
     * (often a dated snapshot, so the exact lookup misses), and the scan over every known model
     * showed in the benchmark's profile. Bounded: a server inventing names cannot grow it forever.
     */
    private final Map<String, Optional<ModelPrice>> resolved = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_RESOLVED = 1_024;

    private PriceTable(LocalDate asOf, Map<String, ModelPrice> byModel) {
        this.asOf = asOf;
        this.byModel = Map.copyOf(byModel);
    }

    /** The table shipped with this build. */
    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled price table " + RESOURCE + " is missing from the build");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled price table cannot be read", e);
        }
    }

    static PriceTable parse(JsonNode root) {
        LocalDate asOf = LocalDate.parse(root.path("asOf").asText());
        String source = "price table of " + asOf;
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        for (JsonNode m : root.path("models")) {
            String model = m.path("model").asText();
            JsonNode tier = m.get("longPrompt");
            ModelPrice.LongPromptTier longPrompt = tier == null ? null
                    : new ModelPrice.LongPromptTier(tier.path("abovePromptTokens").asInt(), decimal(tier, "input"), decimal(tier, "cachedInput"),
                            decimal(tier, "output"));
            Map<SearchContextSize, BigDecimal> fees = new EnumMap<>(SearchContextSize.class);
            m.path("requestFeesPerThousand").fields().forEachRemaining(f -> fees.put(SearchContextSize.fromId(f.getKey()), f.getValue().decimalValue()));
            prices.put(model, new ModelPrice(model, decimal(m, "input"), decimal(m, "cachedInput"), decimal(m, "output"), longPrompt, fees,
                    decimal(m, "citationPerMillion"), decimal(m, "reasoningPerMillion"), decimal(m, "searchQueriesPerThousand"), source));
        }
        return new PriceTable(asOf, prices);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.decimalValue();
    }

    /** The date the bundled figures were taken. */
    public LocalDate asOf() {
        return asOf;
    }

    /** This table with the user's prices laid over it; a model it lacks needs input and output prices. */
    public PriceTable withOverrides(Map<String, PriceOverride> overrides) {
        Map<String, ModelPrice> merged = new LinkedHashMap<>(byModel);
        overrides.forEach((model, o) -> {
            ModelPrice base = byModel.get(model);
            if (base == null && (o.input() == null || o.output() == null)) {
                throw new IllegalArgumentException("prices." + model + ": a model the price table lacks needs both input and output prices");
            }
            Map<SearchContextSize, BigDecimal> fees = base == null ? Map.of() : base.requestFeesPerThousand();
            if (o.requestFeesPerThousand() != null) {
                Map<SearchContextSize, BigDecimal> parsed = new EnumMap<>(SearchContextSize.class);
                o.requestFeesPerThousand().forEach((size, fee) -> parsed.put(SearchContextSize.fromId(size), BigDecimal.valueOf(fee)));
                fees = parsed;
            }
            merged.put(model, new ModelPrice(model,
                    pick(o.input(), base == null ? null : base.input()),
                    pick(o.cachedInput(), base == null ? null : base.cachedInput()),
                    pick(o.output(), base == null ? null : base.output()),
                    base == null ? null : base.longPrompt(),
                    fees,
                    base == null ? null : base.citationPerMillion(),
                    base == null ? null : base.reasoningPerMillion(),
                    base == null ? null : base.searchQueriesPerThousand(),
                    "config"));
        });
        return new PriceTable(asOf, merged);
    }

    private static BigDecimal pick(Double override, BigDecimal base) {
        return override != null ? BigDecimal.valueOf(override) : base;
    }

    public Optional<ModelPrice> find(String model) {
        String name = model.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("models/")) {
            name = name.substring("models/".length());
        }
        ModelPrice exact = byModel.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        Optional<ModelPrice> known = resolved.get(name);
        if (known != null) {
            return known;
        }
        ModelPrice best = null;
        for (ModelPrice p : byModel.values()) {
            if (isSnapshotOf(name, p.model()) && (best == null || p.model().length() > best.model().length())) {
                best = p;
            }
        }
        Optional<ModelPrice> found = Optional.ofNullable(best);
        if (resolved.size() < MAX_RESOLVED) {
            resolved.put(name, found);
        }
        return found;
    }

    /** "gpt-4o-2024-08-06", "gpt-3.5-turbo-0125", "gemini-2.0-flash-001": a known name, a dash and digits. */
    private static boolean isSnapshotOf(String name, String known) {
        return name.length() > known.length() + 1 && name.startsWith(known) && name.charAt(known.length()) == '-'
                && Character.isDigit(name.charAt(known.length() + 1));
    }

    public Map<String, ModelPrice> all() {
        return byModel;
    }
}
