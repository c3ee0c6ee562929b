package dev.localagent.studio.ui.chat;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.skin.ButtonSkin;
import javafx.scene.control.skin.LabelSkin;

/**
 * Gives controls their skins when they are built, before they enter the scene.
 *
 * <p>A control that has no skin when the pulse styles it creates one there, after its own CSS flag
 * was cleared: the skin's text node, added then, marks every parent up to the root as needing CSS
 * again, and nothing clears those marks in that pulse. A root still marked after layout makes
 * JavaFX run one more pulse with nothing dirty, which the renderer paints as the whole window. A
 * streaming reply builds its open block anew each batch, so a code block did this in every batch.
 * Skinned beforehand, the control is styled with its skin's nodes in one go.
 */
final class Skins {

    private Skins() {}

    /** Skins the given labels and buttons now (the stock skins, as the theme sets no other). */
    static void now(Labeled... controls) {
        for (Labeled c : controls) {
            if (c.getSkin() != null) {
                continue;
            }
            switch (c) {
                case Button b -> b.setSkin(new ButtonSkin(b));
                case Label l -> l.setSkin(new LabelSkin(l));
                default -> throw new IllegalArgumentException("no stock skin chosen for " + c.getClass());
            }
        }
    }
}
