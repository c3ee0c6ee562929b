package dev.localagent.studio.app;

import java.io.IOException;

/**
 * The graphical face of the app, as the command line sees it. The UI layer implements it and the
 * launcher hands it to the command line, so neither {@code cli} nor {@code app} imports JavaFX.
 */
public interface GuiFrontEnd {

    /** Opens the main window and returns when it closes. */
    void open(Studio studio);

    /** Renders one tab of the real window headless and writes it as a PNG. */
    void screenshot(Studio studio, ScreenshotSpec spec) throws IOException;
}
