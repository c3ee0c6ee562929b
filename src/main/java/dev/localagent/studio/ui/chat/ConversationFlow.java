package dev.localagent.studio.ui.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.scene.control.ListCell;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The conversation's virtual flow: it does not restyle a row that keeps its bubble, and it hands
 * new rows the cells least likely to be wanted back.
 *
 * <p>When a row needs layout, {@link VirtualFlow} applies CSS to it before measuring it, and
 * {@code applyCss} restyles the row's whole subtree. A streaming reply's row needs layout after
 * every batch, and its subtree is every block of the reply so far, so each batch restyled hundreds
 * of nodes that had not changed (a quarter of the FX thread in the profile). A row that keeps its
 * index and bubble only grew new nodes, and the pulse's CSS pass, which runs before layout and
 * visits only what changed, has styled them already. A row that is new or shows another bubble
 * is styled as before.
 *
 * <p>When the flow lays out, it asks for each row's cell by index and, not finding it among the
 * cells it has put aside (its pile), takes the last one put there; a row moved into another cell
 * is restyled in full there. See {@link #addAllToPile()} and {@link #getAvailableCell(int)}.
 */
final class ConversationFlow extends VirtualFlow<ListCell<ChatMessageItem>> {
    /** Cell property: the graphic (bubble) the cell held when it was last styled in full. */
    private static final Object STYLED = new Object();
    private int restyled;

    /** The row {@link #scrollTo(int)} is bringing into view, while it does; -1 otherwise. */
    private int scrollTarget = -1;
    /** Every cell the flow has given a row, so the ones in its pile can be told apart; weakly held. */
    private final Set<ListCell<ChatMessageItem>> known = Collections.newSetFromMap(new WeakHashMap<>());
    /** While {@link #getAvailableCell} runs: the pile's cell to hand over for {@link #wanted}, or null. */
    private ListCell<ChatMessageItem> handOver;
    private int wanted;

    @Override
    public void scrollTo(int index) {
        scrollTarget = index;
        try {
            super.scrollTo(index);
        } finally {
            scrollTarget = -1;
        }
    }

    /**
     * A row whose own cell is not in the pile gets the pile's last cell: when it is one that was
     * piled in this very layout, it still shows a row in view, which then takes another cell and
     * is restyled in full there. A cell put out of the scene earlier is the one to give away
     * instead: whatever it shows is restyled in full when it comes back anyway. The flow finds
     * cells in its pile by {@link #getCellIndex}, which for that cell answers the row wanted.
     */
    @Override
    protected ListCell<ChatMessageItem> getAvailableCell(int prefIndex) {
        handOver = outOfScene(prefIndex);
        wanted = prefIndex;
        try {
            return super.getAvailableCell(prefIndex);
        } finally {
            handOver = null;
        }
    }

    @Override
    protected int getCellIndex(ListCell<ChatMessageItem> cell) {
        return cell == handOver && cell != null ? wanted : super.getCellIndex(cell);
    }

    /**
     * A piled cell out of the scene to give row {@code index}, preferring one that shows no row and
     * then the row furthest from it; null when a piled cell shows the row itself (the flow finds
     * it) or none is out of the scene.
     */
    private ListCell<ChatMessageItem> outOfScene(int index) {
        List<ListCell<ChatMessageItem>> inUse = getCells();
        ListCell<ChatMessageItem> best = null;
        int count = getCellCount();
        for (ListCell<ChatMessageItem> cell : known) {
            // In use: placed in this layout, or the flow's measuring cell (under its own hidden group).
            if (inUse.contains(cell) || cell.getParent() != null && !cell.getParent().isVisible()) {
                continue;
            }
            if (cell.getIndex() == index) {
                return null;
            }
            if (cell.getScene() == null && (best == null || distance(cell, index, count) > distance(best, index, count))) {
                best = cell;
            }
        }
        return best;
    }

    private static int distance(ListCell<?> cell, int index, int count) {
        return cell.getIndex() < 0 || cell.getIndex() >= count ? Integer.MAX_VALUE : Math.abs(cell.getIndex() - index);
    }

    /**
     * Hands the rows over to the pile with the rows least likely to be shown again taken first.
     * When the flow lays out it asks for each row it places by index and, not finding it in the
     * pile, takes the pile's last cell. In the stock order (top row first) that is the bottom row
     * in view; laying out towards the end (following, or scrolling to a new last row) it asks for
     * the rows below it first, so every row in view moved into the next cell down and was
     * restyled in full there: the reply above a new question, 7-17 ms per send. The rows furthest
     * from where the flow is going are now taken first, cells showing no row before them. With no
     * target (a scroll up, say) the stock order is already the right one.
     */
    @Override
    protected void addAllToPile() {
        List<ListCell<ChatMessageItem>> cells = getCells();
        int count = getCellCount();
        int target = scrollTarget >= 0 ? scrollTarget : getPosition() >= 1 ? count - 1 : -1;
        if (target >= 0 && cells.size() > 1) {
            List<ListCell<ChatMessageItem>> order = new ArrayList<>(cells);
            order.sort(Comparator.comparingInt(c -> distance(c, target, count))); // cells showing no row last
            while (!cells.isEmpty()) {
                cells.removeLast();
            }
            order.forEach(cells::addLast);
            // Piled last, so taken first: cells for the rows coming into view at the end.
            for (int i = sparesWanted(order, target); i > 0; i--) {
                cells.addLast(getCellFactory().call(this));
            }
        }
        super.addAllToPile();
    }

    /**
     * When the flow is going to its end, the rows after the last one shown each need a cell. Without
     * a spare one out of the scene (see {@link #outOfScene}) the flow would hand them cells of rows it
     * is about to show again, which then take other cells; a new cell costs its styling, which the new
     * row's bubble needs anyway. At most as many as the flow shows, so the cells it keeps stay few.
     */
    private int sparesWanted(List<ListCell<ChatMessageItem>> piling, int target) {
        if (target != getCellCount() - 1) {
            return 0;
        }
        int lastShown = piling.stream().mapToInt(ListCell::getIndex).filter(i -> i < getCellCount()).max().orElse(target);
        int newRows = Math.min(target - lastShown, piling.size());
        long spare = known.stream().filter(c -> c.getScene() == null && !piling.contains(c)).count();
        return (int) Math.max(0, newRows - spare);
    }

    @Override
    protected void setCellIndex(ListCell<ChatMessageItem> cell, int index) {
        known.add(cell);
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

    /** How many rows were restyled in full, so a test can see a growing row is not. */
    int fullRestyles() {
        return restyled;
    }
}
