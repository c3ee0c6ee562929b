package dev.localagent.studio.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.testsupport.CssMarks;
import dev.localagent.studio.testsupport.ReplyCorpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The conversation list while a reply grows at its end: the real cells, skin and follower in a
 * headless window, the reply's text appended batch by batch as the stream would.
 */
class StreamFollowerTest {

    private static final String BATCH = " The pool keeps idle connections warm, so the next request skips the handshake.";

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private Studio studio;
    private ListView<ChatMessageItem> list;
    private StreamFollower follower;
    private ChatMessageItem reply;
    private final List<MessageCell> cells = new ArrayList<>();
    /** Whether the follower's own follow, asked for in the task that shows the window, reached the end. */
    private boolean endedAtBottomByItself;
    /** Pulses laid out so far; counted after the follower's own post-layout work, which was registered first. */
    private final java.util.concurrent.atomic.AtomicInteger pulses = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (studio != null) {
            studio.close();
        }
    }

    @Test
    void aGrowingReplyIsFollowedInItsOwnPulseWithoutRestylingItsRowEachBatch() throws Exception {
        show(20);
        MessageListSkin skin = (MessageListSkin) list.getSkin();
        int fullBefore = follower.fullFollows();
        int restyledBefore = skin.fullRestyles();

        int batches = 40;
        for (int i = 0; i < batches; i++) {
            grow(i % 6 == 5 ? "\n\n" : BATCH);
            assertThat(follower.atBottom()).as("end in view after batch %d (following %s, in-place follows %d, full %d)", i,
                    follower.following(), follower.inPlaceFollows(), follower.fullFollows()).isTrue();
        }

        // Only batches that grow the bubble by a step change the row's height; those are followed in their pulse.
        assertThat(follower.inPlaceFollows()).as("batches followed in their own pulse").isPositive();
        assertThat(follower.fullFollows() - fullBefore).as("full scrolls to the last row").isLessThan(batches / 4);
        assertThat(skin.fullRestyles() - restyledBefore).as("rows restyled in full").isLessThan(batches / 4);
    }

    @Test
    void aStreamingReplyGrowsInStepsAndFitsItsTextWhenItEnds() throws Exception {
        show(20);
        java.util.Set<Double> heights = new java.util.TreeSet<>();
        MessageBubble[] bubble = new MessageBubble[1];
        for (int i = 0; i < 40; i++) {
            grow(i % 6 == 5 ? "\n\n" : BATCH);
            robot.interact(() -> {
                bubble[0] = (MessageBubble) list.lookupAll(".message").stream()
                        .filter(n -> n.getPseudoClassStates().contains(MessageBubble.STREAMING)).findFirst().orElseThrow();
                heights.add(bubble[0].getHeight());
            });
        }
        // Each change of the row's height scrolls the list, which repaints the whole message area:
        // in steps, the text fills the room below it in between (about three lines).
        assertThat(heights).allSatisfy(h -> assertThat(h % MessageBubble.STREAMING_STEP).isZero());
        double grown = ((java.util.TreeSet<Double>) heights).last() - ((java.util.TreeSet<Double>) heights).first();
        assertThat(heights.size()).isLessThanOrEqualTo((int) (grown / MessageBubble.STREAMING_STEP) + 1);

        robot.interact(() -> reply.stateProperty().set(ChatMessageItem.State.DONE));
        pulse();
        double[] ended = new double[2];
        robot.interact(() -> {
            ended[0] = bubble[0].getHeight();
            ended[1] = bubble[0].getChildrenUnmodifiable().stream().filter(javafx.scene.Node::isManaged)
                    .mapToDouble(n -> n.getLayoutY() + n.getLayoutBounds().getHeight()).max().orElse(0) + bubble[0].getPadding().getBottom();
        });
        assertThat(ended[0]).as("the finished reply fits its content").isCloseTo(ended[1], org.assertj.core.data.Offset.offset(1.5));
        assertThat(follower.atBottom()).isTrue();
    }

    @Test
    void theFinishedBlocksOfAGrowingReplyAreNotMeasuredAgainEachBatch() throws Exception {
        show(20);
        grow("First paragraph, finished." + "\n\n");
        grow(BATCH);
        SettledBlocks[] blocks = new SettledBlocks[1];
        robot.interact(() -> blocks[0] = settledBlocks(list));
        assertThat(blocks[0]).isNotNull();
        int measured = blocks[0].heightsComputed();

        for (int i = 0; i < 20; i++) {
            grow(BATCH); // the open paragraph grows; the finished one does not change
        }

        // In the list the cell and the bubble ask at two widths; remembering one, each evicted the other (~18 times a batch).
        assertThat(blocks[0].heightsComputed() - measured).as("finished blocks' heights worked out again").isLessThanOrEqualTo(4);
    }

    private static SettledBlocks settledBlocks(javafx.scene.Parent parent) {
        for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
            if (child instanceof SettledBlocks s && s.getScene() != null && s.size() > 0) {
                return s;
            }
            if (child instanceof javafx.scene.Parent p) {
                SettledBlocks found = settledBlocks(p);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void aSendIntoALongConversationBuildsBubblesForItsTwoNewRowsAlone() throws Exception {
        show(200);
        int builtBefore = bubblesBuilt();
        int restyledBefore = ((MessageListSkin) list.getSkin()).fullRestyles();
        robot.interact(() -> {
            list.getItems().add(new ChatMessageItem(Role.USER, null, "One more question?", ChatMessageItem.State.DONE));
            list.getItems().add(new ChatMessageItem(Role.ASSISTANT, "sim-openai", "", ChatMessageItem.State.STREAMING));
            follower.follow();
        });
        for (int i = 0; i < 10; i++) {
            pulse();
            robot.interact(() -> { });
        }
        assertThat(follower.atBottom()).isTrue();
        // The new question and reply are each built once (measured, then shown, with the same bubble);
        // every row already in view keeps its bubble and its styles.
        assertThat(bubblesBuilt() - builtBefore).as("bubbles built").isLessThanOrEqualTo(2);
        assertThat(((MessageListSkin) list.getSkin()).fullRestyles() - restyledBefore).as("rows restyled in full").isLessThanOrEqualTo(2);
    }

    @Test
    void rowsAddedWhileFollowingAreShownByTheLayoutThatAddsThem() throws Exception {
        show(200);
        boolean[] shownInThatLayout = new boolean[1];
        robot.interact(() -> {
            list.getItems().addAll(new ChatMessageItem(Role.USER, null, "One more question?", ChatMessageItem.State.DONE),
                    new ChatMessageItem(Role.ASSISTANT, "sim-openai", "", ChatMessageItem.State.STREAMING));
            follower.follow();
            // What the next pulse does first; the follower's own follow, queued for after it, has not run.
            list.layout();
            shownInThatLayout[0] = follower.atBottom();
        });
        // The flow used to keep its top row in place and leave the new rows below the view, for a
        // second layout (and a scroll) to bring them in.
        assertThat(shownInThatLayout[0]).as("the new last row at the bottom after the list's layout").isTrue();
    }

    @Test
    void aSendMovesNoRowThatStaysInViewIntoAnotherCell() throws Exception {
        show(200);
        // Each bubble in view before the send, and how often it changed rows (a move restyles it in full).
        java.util.Map<Node, Integer> moves = new java.util.HashMap<>();
        robot.interact(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
            for (int i = flow.getFirstVisibleCell().getIndex(); i <= flow.getLastVisibleCell().getIndex(); i++) {
                Node bubble = ((javafx.scene.control.ListCell<?>) flow.getVisibleCell(i)).getGraphic();
                moves.put(bubble, 0);
                bubble.parentProperty().addListener((obs, old, now) -> moves.merge(bubble, 1, Integer::sum));
            }
            list.getItems().addAll(new ChatMessageItem(Role.USER, null, "One more question?", ChatMessageItem.State.DONE),
                    new ChatMessageItem(Role.ASSISTANT, "sim-openai", "", ChatMessageItem.State.STREAMING));
            follower.follow();
        });
        for (int i = 0; i < 10; i++) {
            pulse();
            robot.interact(() -> { });
        }
        assertThat(follower.atBottom()).isTrue();
        robot.interact(() -> {
            java.util.Map<Node, Integer> stillInView = new java.util.HashMap<>(moves);
            stillInView.keySet().removeIf(bubble -> bubble.getParent() == null);
            assertThat(stillInView).as("rows still in view").isNotEmpty();
            // The flow laid out towards the new end used to hand each of them the cell of the row below.
            assertThat(stillInView.values()).as("moves of the bubbles still in view").containsOnly(0);
        });
    }

    @Test
    void whileAReplyFollowedFromTheStartOfItsStreamGrowsNoRowAboveTheViewIsPutBack() throws Exception {
        // The app's shape: long finished replies, then a question and a reply that starts short at the bottom.
        List<String> answers = ReplyCorpus.replies(200, 100, 1_500);
        List<ChatMessageItem> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(new ChatMessageItem(Role.USER, null, "Question " + i + ": tell me more about pools.", ChatMessageItem.State.DONE));
            items.add(new ChatMessageItem(Role.ASSISTANT, "sim-openai", answers.get(i), ChatMessageItem.State.DONE));
        }
        show(items, 992, 580);
        String text = ReplyCorpus.reply(new Random(7), 3_000);
        reply = new ChatMessageItem(Role.ASSISTANT, "sim-openai", "", ChatMessageItem.State.STREAMING);
        robot.interact(() -> {
            list.getItems().add(new ChatMessageItem(Role.USER, null, "One more question?", ChatMessageItem.State.DONE));
            list.getItems().add(reply);
            follower.follow();
        });
        for (int i = 0; i < 5; i++) {
            pulse();
            robot.interact(() -> { });
        }
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        Group sheet = (Group) flow.lookup(".sheet");
        List<Node> added = new ArrayList<>();
        List<String> putBack = new ArrayList<>();
        int[] batch = new int[1];
        robot.interact(() -> {
            sheet.getChildren().addListener((ListChangeListener<Node>) c -> {
                while (c.next()) {
                    added.addAll(c.getAddedSubList());
                }
            });
            // After the follower's own post-layout work: what the pulse will paint.
            list.getScene().addPostLayoutPulseListener(() -> {
                for (Node n : added) {
                    if (n instanceof MessageCell cell && cell.getParent() == sheet && cell.getIndex() < list.getItems().size() - 1) {
                        putBack.add("batch " + batch[0] + ": row " + cell.getIndex() + " at y " + cell.getLayoutY() + ", " + cell.getHeight() + " tall");
                    }
                }
                added.clear();
            });
        });

        int start = 0;
        for (batch[0] = 0; batch[0] < 60; batch[0]++) {
            int end = Math.min(text.length(), start + 40);
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            grow(text.substring(start, end));
            start = end;
            assertThat(follower.atBottom()).as("end in view after batch %d", batch[0]).isTrue();
        }

        assertThat(putBack).as("rows put back into the list's sheet while the reply grew").isEmpty();
    }

    @Test
    void whileACodeBlockStreamsNoPulseEndsWithCssStillPending() throws Exception {
        show(20);
        List<String> pending = cssPendingAfterEachLayout();
        grow("Intro paragraph.\n\n```java\n");
        for (int i = 0; i < 12; i++) {
            grow("int x" + i + " = counts.merge(word, 1, Integer::sum);\n");
        }
        grow("```\n\nAfter.");

        // A pulse that ends with CSS pending makes JavaFX run one more, with nothing dirty, which is
        // painted as the whole window. The open code block is built anew each batch, with a label and
        // a button: a control given its skin in the CSS pass left every parent above it marked.
        assertThat(pending).as("pulses after whose layout CSS was still pending, and the nodes under the marks").isEmpty();
    }

    @Test
    void aCodeBlockGrowingInAFollowedReplyIsShownWhole() throws Exception {
        show(20);
        grow("Intro paragraph.\n\n```java\n");
        for (int i = 0; i < 12; i++) {
            grow("int x" + i + " = counts.merge(word, 1, Integer::sum);\n");
        }
        pulse();
        double[] heights = new double[2];
        robot.interact(() -> {
            javafx.scene.control.Label body = (javafx.scene.control.Label) list.lookupAll(".md-code").stream()
                    .filter(n -> ((javafx.scene.control.Label) n).getText().contains("x11")).findFirst().orElseThrow();
            heights[0] = body.getHeight();
            heights[1] = body.prefHeight(body.getWidth());
        });
        // The label's text grows in place (MarkdownNodes.regrow): the row must grow with it, not cut it to a line and "...".
        assertThat(heights[0]).as("the code's height on screen").isCloseTo(heights[1], org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void aReplyThatEndsShowsItsFactsWithoutLeavingCssPending() throws Exception {
        show(20);
        grow("A short reply.");
        List<String> pending = cssPendingAfterEachLayout();
        robot.interact(() -> {
            reply.facts().setAll("in 100 · out 330 tokens", "TTFT 120 ms", "42 tokens/s");
            reply.stateProperty().set(ChatMessageItem.State.DONE);
        });
        for (int i = 0; i < 3; i++) {
            pulse();
            robot.interact(() -> { });
        }
        assertThat(pending).as("pulses after whose layout CSS was still pending, and the nodes under the marks").isEmpty();
    }

    @Test
    void aReplyThatEndsIsNotRestyledFromScratch() throws Exception {
        show(20);
        for (int i = 0; i < 6; i++) {
            grow("Paragraph " + i + " with **bold** and `code`." + BATCH + "\n\n");
        }
        boolean[] fromScratch = new boolean[2];
        robot.interact(() -> {
            Node bubble = list.lookupAll(".message").stream().filter(n -> n.getPseudoClassStates().contains(MessageBubble.STREAMING))
                    .findFirst().orElseThrow();
            reply.stateProperty().set(ChatMessageItem.State.DONE);
            fromScratch[0] = CssMarks.restyledFromScratch(bubble);
            fromScratch[1] = bubble.getPseudoClassStates().contains(MessageBubble.STREAMING);
        });
        // A style class change would restyle every text node of the reply in the pulse in which it
        // ends (30-150 ms for a long one); the state is a pseudo-class, which only moves the styles.
        assertThat(fromScratch[0]).as("the ended reply's bubble marked to be restyled from scratch").isFalse();
        assertThat(fromScratch[1]).as("still marked streaming").isFalse();
    }

    /**
     * From now on, one entry per pulse after whose layout the scene's root still needs CSS: the
     * lowest marked nodes. Listens after the follower, so it sees what the pulse paints.
     */
    private List<String> cssPendingAfterEachLayout() {
        List<String> pending = new ArrayList<>();
        robot.interact(() -> list.getScene().addPostLayoutPulseListener(() -> {
            if (CssMarks.pending(list.getScene().getRoot())) {
                pending.add(CssMarks.lowestMarked(list.getScene().getRoot()));
            }
        }));
        return pending;
    }

    private int bubblesBuilt() {
        int[] n = new int[1];
        robot.interact(() -> cells.forEach(c -> n[0] += c.bubblesBuilt()));
        return n[0];
    }

    @Test
    void aFollowAskedForAsTheWindowOpensEndsAtTheLastRow() throws Exception {
        show(20);
        // The full way ran before the pulse had styled the rows (AtlantaFX sizes), and used to end a row short.
        assertThat(endedAtBottomByItself).as("at the end after the follower's own follow").isTrue();
    }

    @Test
    void afterTheUserScrollsUpTheRowsTheyReadStayPut() throws Exception {
        show(20);
        for (int i = 0; i < 10; i++) {
            grow(BATCH);
        }
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        // The wheel, turned up three notches over the list. Fired at the flow, so the list's filter and
        // the flow's handler see it as they see the real one, without the robot's events arriving late.
        robot.interact(() -> javafx.event.Event.fireEvent(flow, new ScrollEvent(ScrollEvent.SCROLL, 300, 200, 300, 200,
                false, false, false, false, false, false, 0, 120, 0, 120, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        pulse();
        assertThat(follower.following()).isFalse();
        assertThat(follower.atBottom()).as("the view moved up").isFalse();
        int[] row = new int[1];
        double[] at = new double[1];
        robot.interact(() -> {
            IndexedCell<?> first = flow.getFirstVisibleCell();
            row[0] = first.getIndex();
            at[0] = first.getLayoutY();
        });
        int inPlaceFollows = follower.inPlaceFollows();

        for (int i = 0; i < 20; i++) {
            grow(BATCH);
        }

        assertThat(follower.atBottom()).isFalse();
        assertThat(follower.inPlaceFollows()).isEqualTo(inPlaceFollows);
        robot.interact(() -> {
            assertThat(flow.getFirstVisibleCell().getIndex()).isEqualTo(row[0]);
            assertThat(flow.getFirstVisibleCell().getLayoutY()).isCloseTo(at[0], org.assertj.core.data.Offset.offset(2.0));
        });
    }

    /** A conversation of {@code messages} finished messages and a reply streaming at its end, in a small window. */
    private void show(int messages) throws Exception {
        List<ChatMessageItem> items = new ArrayList<>();
        for (int i = 0; i < messages / 2; i++) {
            items.add(new ChatMessageItem(Role.USER, null, "Question " + i + ": why pool connections?", ChatMessageItem.State.DONE));
            items.add(new ChatMessageItem(Role.ASSISTANT, "sim-openai", "Answer " + i + ".\n\n" + BATCH.strip() + BATCH,
                    ChatMessageItem.State.DONE));
        }
        reply = new ChatMessageItem(Role.ASSISTANT, "sim-openai", "", ChatMessageItem.State.STREAMING);
        items.add(reply);
        show(items, 600, 400);
    }

    /** The given rows (the last one {@link #reply}) in a window of the given size, followed from the end. */
    private void show(List<ChatMessageItem> items, double width, double height) throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        robot.interact(() -> {
            // The app's theme: its sizes are what the follower has to get right (and the suite's other tests set it too).
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            ChatViewModel viewModel = new ChatViewModel(studio, studio.background(), Platform::runLater, Duration.ofMillis(30));
            list = new ListView<>() {
                @Override
                protected javafx.scene.control.Skin<?> createDefaultSkin() {
                    return new MessageListSkin(this);
                }
            };
            follower = new StreamFollower(list);
            RecentBubbles recent = new RecentBubbles();
            list.setCellFactory(l -> {
                MessageCell cell = new MessageCell(viewModel, follower, recent);
                cells.add(cell);
                return cell;
            });
            list.getItems().setAll(items);
            Stage stage = new Stage();
            stage.setScene(new Scene(list, width, height));
            stage.getScene().getStylesheets().add(ChatView.class.getResource("chat.css").toExternalForm());
            stage.show();
            stage.getScene().addPostLayoutPulseListener(pulses::incrementAndGet);
            follower.follow();
        });
        for (int i = 0; i < 5; i++) {
            pulse(); // the flow measures the rows it does not show a few per layout: let it settle
            robot.interact(() -> { });
        }
        endedAtBottomByItself = follower.atBottom();
        // Start from the end (the follower gets there itself now, see aFollowAskedForAsTheWindowOpensEndsAtTheLastRow;
        // this only makes sure): what is under test in the others is what happens as the reply grows.
        for (int tries = 0; tries < 10 && !follower.atBottom(); tries++) {
            robot.interact(() -> {
                VirtualFlow<?> f = (VirtualFlow<?>) list.lookup(".virtual-flow");
                int last = list.getItems().size() - 1;
                f.scrollTo(last);
                IndexedCell<?> c = f.getVisibleCell(last);
                f.scrollPixels(c == null ? f.getHeight() : c.getLayoutY() + c.getHeight() - f.getHeight());
            });
            pulse();
        }
        assertThat(follower.atBottom()).as("at the end before the reply grows").isTrue();
        assertThat(follower.following()).isTrue();
    }

    /** One batch of the stream, then the pulse that lays it out and paints it. */
    private void grow(String text) throws Exception {
        robot.interact(() -> reply.append(text));
        pulse();
        robot.interact(() -> { }); // anything the follower handed to runLater
    }

    private void pulse() throws Exception {
        int before = pulses.get();
        robot.interact(Platform::requestNextPulse);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pulses.get() == before) {
            assertThat(System.nanoTime()).as("a pulse").isLessThan(deadline);
            Thread.sleep(2);
        }
    }
}
