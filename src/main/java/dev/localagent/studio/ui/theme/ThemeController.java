package dev.localagent.studio.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.localagent.studio.service.config.ThemePreference;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Applies the AtlantaFX theme: light or dark as the user chose, or following the operating
 * system's preference (and its changes) when the choice is "system". FX thread only.
 */
public final class ThemeController {

    private final ObjectProperty<ThemePreference> preference = new SimpleObjectProperty<>(ThemePreference.SYSTEM);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();

    public ThemeController(ThemePreference initial) {
        preference.set(initial);
        preference.addListener((obs, old, now) -> apply());
        Platform.getPreferences().colorSchemeProperty().addListener((obs, old, now) -> apply());
        apply();
    }

    public ObjectProperty<ThemePreference> preferenceProperty() {
        return preference;
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    private void apply() {
        boolean useDark = switch (preference.get()) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
        useTheme(useDark);
        dark.set(useDark);
    }

    /** Sets the theme for the whole application. */
    public static void useTheme(boolean useDark) {
        Application.setUserAgentStylesheet(useDark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
