package dev.localagent.studio.ui.chat;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.store.ConversationStore;
import dev.localagent.studio.service.store.SamplingPreset;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Temperature, top_p, max output tokens and seed for the chat, as the user types them (empty: the
 * provider's default), checked against the chosen provider's limits, and the presets that fill
 * them in. An invalid value is named in one sentence and the chat refuses to send until it is
 * fixed. Testable without a window.
 */
public final class ChatParametersViewModel {

    /** Shipped with the app; the user's own presets follow them. */
    static final List<SamplingPreset> BUILT_IN = List.of(
            new SamplingPreset("Precise", 0.2, 1.0, null, null, true),
            new SamplingPreset("Balanced", 0.7, 0.95, null, null, true),
            new SamplingPreset("Creative", 1.2, 1.0, null, null, true));

    /** The parsed values; a null one is left to the provider. */
    record Sampling(Double temperature, Double topP, Integer maxOutputTokens, Long seed) {
        ChatRequest.Builder applyTo(ChatRequest.Builder request) {
            return request.temperature(temperature).topP(topP).maxOutputTokens(maxOutputTokens).seed(seed);
        }
    }

    private final ConversationStore store;
    private final Executor background;
    private final Executor fx;
    private final StringProperty temperature = new SimpleStringProperty("");
    private final StringProperty topP = new SimpleStringProperty("");
    private final StringProperty maxOutputTokens = new SimpleStringProperty("");
    private final StringProperty seed = new SimpleStringProperty("");
    private final ObjectProperty<ProviderKind> kind = new SimpleObjectProperty<>(ProviderKind.OPENAI);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper presetMessage = new ReadOnlyStringWrapper("");
    private final ObservableList<SamplingPreset> presets = FXCollections.observableArrayList(BUILT_IN);
    private final ObservableList<SamplingPreset> presetsView = FXCollections.unmodifiableObservableList(presets);
    private volatile Sampling sampling = new Sampling(null, null, null, null);

    ChatParametersViewModel(ConversationStore store, Executor background, Executor fx) {
        this.store = store;
        this.background = background;
        this.fx = fx;
        for (StringProperty p : List.of(temperature, topP, maxOutputTokens, seed)) {
            p.addListener((obs, old, now) -> check());
        }
        kind.addListener((obs, old, now) -> check());
        background.execute(this::reloadPresets);
    }

    public StringProperty temperatureProperty() {
        return temperature;
    }

    public StringProperty topPProperty() {
        return topP;
    }

    public StringProperty maxOutputTokensProperty() {
        return maxOutputTokens;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    /** The kind of the chosen provider, whose limits apply; the chat keeps it up to date. */
    ObjectProperty<ProviderKind> kindProperty() {
        return kind;
    }

    /** One sentence naming the first invalid value, or empty when all are valid. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What happened to the last preset saved or deleted; empty until then. */
    public ReadOnlyStringProperty presetMessageProperty() {
        return presetMessage.getReadOnlyProperty();
    }

    /** Built-in presets first, then the user's. */
    public ObservableList<SamplingPreset> presets() {
        return presetsView;
    }

    /** The values to send, or null while one is invalid. */
    Sampling sampling() {
        return problem.get().isEmpty() ? sampling : null;
    }

    /** A short label of the values in use, e.g. {@code temperature 0.2 · top_p 1}; empty when all are defaults. */
    public String summary() {
        Sampling s = sampling;
        List<String> parts = new ArrayList<>();
        if (s.temperature() != null) {
            parts.add("temperature " + number(s.temperature()));
        }
        if (s.topP() != null) {
            parts.add("top_p " + number(s.topP()));
        }
        if (s.maxOutputTokens() != null) {
            parts.add("max " + s.maxOutputTokens() + " tokens");
        }
        if (s.seed() != null) {
            parts.add("seed " + s.seed());
        }
        return String.join(" · ", parts);
    }

    /** Fills the fields from a preset; its empty values clear the fields (back to the provider's default). */
    public void apply(SamplingPreset preset) {
        if (preset == null) {
            return;
        }
        temperature.set(preset.temperature() == null ? "" : number(preset.temperature()));
        topP.set(preset.topP() == null ? "" : number(preset.topP()));
        maxOutputTokens.set(preset.maxOutputTokens() == null ? "" : preset.maxOutputTokens().toString());
        seed.set(preset.seed() == null ? "" : preset.seed().toString());
    }

    /** Saves the values in the fields as a preset of the user's; refused while a value is invalid or the name is a built-in's. */
    public void save(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            presetMessage.set("A preset needs a name.");
            return;
        }
        if (BUILT_IN.stream().anyMatch(p -> p.name().equalsIgnoreCase(clean))) {
            presetMessage.set("\"" + clean + "\" is a built-in preset; choose another name.");
            return;
        }
        Sampling s = sampling();
        if (s == null) {
            presetMessage.set("Not saved: " + problem.get());
            return;
        }
        SamplingPreset preset = new SamplingPreset(clean, s.temperature(), s.topP(), s.maxOutputTokens(), s.seed(), false);
        background.execute(() -> {
            try {
                store.savePreset(preset);
                fx.execute(() -> presetMessage.set("Saved preset \"" + clean + "\"."));
            } catch (SQLException e) {
                fx.execute(() -> presetMessage.set("Preset not saved: " + e.getMessage()));
            }
            reloadPresets();
        });
    }

    /** Deletes one of the user's presets; built-in ones stay. */
    public void delete(SamplingPreset preset) {
        if (preset == null || preset.builtIn()) {
            return;
        }
        background.execute(() -> {
            try {
                store.deletePreset(preset.name());
                fx.execute(() -> presetMessage.set("Deleted preset \"" + preset.name() + "\"."));
            } catch (SQLException e) {
                fx.execute(() -> presetMessage.set("Preset not deleted: " + e.getMessage()));
            }
            reloadPresets();
        });
    }

    private void reloadPresets() {
        try {
            List<SamplingPreset> all = new ArrayList<>(BUILT_IN);
            all.addAll(store.presets());
            fx.execute(() -> presets.setAll(all));
        } catch (SQLException e) {
            fx.execute(() -> presetMessage.set("Saved presets could not be read: " + e.getMessage()));
        }
    }

    private void check() {
        SamplingLimits limits = SamplingLimits.of(kind.get() == null ? ProviderKind.OPENAI : kind.get());
        String provider = (kind.get() == null ? ProviderKind.OPENAI : kind.get()).displayName();
        try {
            Double t = decimal(temperature.get(), 0, limits.maxTemperature(),
                    "Temperature must be a number from 0 to " + number(limits.maxTemperature()) + " for " + provider + ".");
            Double p = decimal(topP.get(), 0, limits.maxTopP(), "Top P must be a number from 0 to " + number(limits.maxTopP()) + ".");
            Long max = whole(maxOutputTokens.get(), 1, limits.maxOutputTokens(),
                    "Max output tokens must be a whole number from 1 to " + limits.maxOutputTokens() + ".");
            Long s = whole(seed.get(), Long.MIN_VALUE, Long.MAX_VALUE, "Seed must be a whole number.");
            if (s != null && !limits.seed()) {
                throw new IllegalArgumentException(provider + " takes no seed; leave Seed empty.");
            }
            sampling = new Sampling(t, p, max == null ? null : max.intValue(), s);
            problem.set("");
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
        }
    }

    private static Double decimal(String text, double min, double max, String message) {
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            return null;
        }
        try {
            double value = Double.parseDouble(clean);
            if (Double.isNaN(value) || value < min || value > max) {
                throw new IllegalArgumentException(message);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Long whole(String text, long min, long max, String message) {
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(clean);
            if (value < min || value > max) {
                throw new IllegalArgumentException(message);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message);
        }
    }

    /** 0.7 as "0.7", 1.0 as "1". */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
