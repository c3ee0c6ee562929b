package dev.localagent.studio.ui.chat;

import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.StudioConfig;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Compare mode: when on, Send also asks a second provider (or the same one with another model),
 * and the two replies stream side by side, each with its own facts. No nodes; FX thread.
 */
public final class CompareSettings {

    private final StudioConfig config;
    private final BooleanProperty on = new SimpleBooleanProperty(false);
    private final ObjectProperty<String> provider = new SimpleObjectProperty<>();
    private final StringProperty model = new SimpleStringProperty("");

    CompareSettings(StudioConfig config, String firstProvider) {
        this.config = config;
        provider.addListener((obs, old, now) -> model.set(now == null ? "" : config.provider(now).map(ProviderConfig::defaultModel).orElse("")));
        provider.set(firstProvider);
    }

    /** Whether Send asks both. */
    public BooleanProperty onProperty() {
        return on;
    }

    /** The second provider asked. */
    public ObjectProperty<String> providerProperty() {
        return provider;
    }

    /** The second provider's model; blank for its default. */
    public StringProperty modelProperty() {
        return model;
    }

    /** The provider to compare with now, or null when compare is off or none is chosen. */
    String activeProvider() {
        return on.get() ? provider.get() : null;
    }

    String modelFor(String providerId) {
        String typed = model.get() == null ? "" : model.get().strip();
        return typed.isEmpty() ? config.provider(providerId).map(ProviderConfig::defaultModel).orElse("") : typed;
    }
}
