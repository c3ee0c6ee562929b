package dev.localagent.studio.sim;

/** Turns a decided reply into a persona's wire form, whole or as a stream. */
interface ChatRenderer {

    SimResponse whole(Reply reply, StreamTimes times);

    StreamScript stream();
}
