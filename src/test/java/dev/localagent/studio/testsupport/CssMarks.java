package dev.localagent.studio.testsupport;

import java.lang.reflect.Field;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * Reads whether JavaFX still means to style a node: its private {@code Node.cssFlag}, by
 * reflection (JavaFX is on the class path, not the module path). A scene whose root is still
 * marked after a pulse's layout runs one more pulse with nothing dirty, which the renderer paints
 * as the whole window; the chat tests and {@code ChatTabRun} count those.
 */
public final class CssMarks {

    private static final Field CSS_FLAG;

    static {
        try {
            CSS_FLAG = Node.class.getDeclaredField("cssFlag");
            CSS_FLAG.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CssMarks() {}

    /** True while the node, or something under it, still needs CSS. */
    public static boolean pending(Node node) {
        return !flag(node).equals("CLEAN");
    }

    /**
     * True if the node is marked to be styled from scratch (its selectors matched again, as after a
     * style class change), which its whole subtree then is; false for a mere state update (a
     * pseudo-class change) or nothing pending.
     */
    public static boolean restyledFromScratch(Node node) {
        return flag(node).equals("REAPPLY");
    }

    /** The marked nodes under {@code root} that have no marked child, each with its flag and path. */
    public static String lowestMarked(Node root) {
        StringBuilder b = new StringBuilder();
        walk(root, b, "");
        return b.toString();
    }

    private static void walk(Node n, StringBuilder b, String path) {
        if (!pending(n)) {
            return;
        }
        String here = path + "/" + n.getClass().getSimpleName() + n.getStyleClass();
        boolean childMarked = false;
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (pending(c)) {
                    childMarked = true;
                    walk(c, b, here);
                }
            }
        }
        if (!childMarked) {
            b.append(flag(n)).append(' ').append(here.length() > 200 ? "..." + here.substring(here.length() - 200) : here).append("; ");
        }
    }

    private static String flag(Node n) {
        try {
            return ((Enum<?>) CSS_FLAG.get(n)).name();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
