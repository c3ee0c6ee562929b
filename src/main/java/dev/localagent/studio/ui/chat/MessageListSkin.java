package dev.localagent.studio.ui.chat;

import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The conversation's list skin, whose flow does not restyle a row that keeps its bubble.
 *
 * <p>When a row needs layout, {@link VirtualFlow} applies CSS to it before measuring it, and
 * {@code applyCss} restyles the row's whole subtree. A streaming reply's row needs layout after
 * every batch, and its subtree is every block of the reply so far, so each batch restyled hundreds
 * of nodes that had not changed (a quarter of the FX thread in the profile). A row that keeps its
 * index and bubble only grew new nodes, and the pulse's CSS pass, which runs before layout and
 * visits only what changed, has styled them already. A row that is new or shows another bubble
 * is styled as before.
 */
final class MessageListSkin extends ListViewSkin<ChatMessageItem> {

    MessageListSkin(ListView<ChatMessageItem> list) {
        super(list);
    }

    @Override
    protected VirtualFlow<ListCell<ChatMessageItem>> createVirtualFlow() {
        return new Flow();
    }

    /** Counts the rows restyled in full, so a test can see a growing row is not. */
    int fullRestyles() {
        return ((Flow) getVirtualFlow()).restyled;
    }

    private static final class Flow extends VirtualFlow<ListCell<ChatMessageItem>> {
        /** Cell property: the graphic (bubble) the cell held when it was last styled in full. */
        private static final Object STYLED = new Object();
        private int restyled;

        /**
         * Hands the rows over to the pile with the rows least likely to be shown again last. When the
         * flow lays out from the end (position 1, as while following) it asks for the last row first
         * and, not finding it in the pile, takes the pile's last cell: in the stock order that is the
         * bottom row in view, which is asked for next, so one new row at the end made every row in
         * view build its bubble again. The rows furthest from the end go last instead.
         */
        @Override
        protected void addAllToPile() {
            java.util.List<ListCell<ChatMessageItem>> cells = getCells();
            if (getPosition() >= 1 && cells.size() > 1) {
                int count = getCellCount();
                java.util.List<ListCell<ChatMessageItem>> order = new java.util.ArrayList<>(cells);
                // Rows still in the list, from the end up; then empty or stale cells, the best to reuse.
                order.sort(java.util.Comparator.comparingInt((ListCell<ChatMessageItem> c) -> c.getIndex() < 0 || c.getIndex() >= count ? 1 : 0)
                        .thenComparingInt(c -> -c.getIndex()));
                while (!cells.isEmpty()) {
                    cells.removeLast();
                }
                order.forEach(cells::addLast);
            }
            super.addAllToPile();
        }

        @Override
        protected void setCellIndex(ListCell<ChatMessageItem> cell, int index) {
            if (index < 0 || cell.getIndex() != index || cell.getScene() == null) {
                restyled += cell.isNeedsLayout() ? 1 : 0;
                super.setCellIndex(cell, index); // styles the cell if it is new or needs layout
                cell.getProperties().put(STYLED, cell.getGraphic());
                return;
            }
            cell.updateIndex(index);
            // The list may have handed the row another message before this (a cell follows its
            // items), so compare the bubble, not the message: a new bubble is not yet styled.
            if (cell.getGraphic() != cell.getProperties().get(STYLED)) {
                restyled++;
                cell.applyCss();
                cell.getProperties().put(STYLED, cell.getGraphic());
            }
        }
    }
}
