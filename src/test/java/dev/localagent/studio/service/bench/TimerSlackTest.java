package dev.localagent.studio.service.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimerSlackTest {

    @Test
    void tighteningSetsTheCallingThreadsSlackToOneNanosecondAndNoOtherThreads() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        AtomicLong before = new AtomicLong();
        AtomicBoolean tightened = new AtomicBoolean();
        AtomicLong after = new AtomicLong();
        // On a thread of its own: an assertion failing there would not reach JUnit, so it only records.
        Thread t = Thread.ofPlatform().start(() -> {
            before.set(TimerSlack.current());
            tightened.set(TimerSlack.tighten());
            after.set(TimerSlack.current());
        });
        t.join();

        assertThat(tightened).as("prctl succeeded").isTrue();
        assertThat(before.get()).as("a new thread's default slack").isGreaterThan(1);
        assertThat(after.get()).isEqualTo(1);
        assertThat(TimerSlack.current()).as("this thread's slack is its own").isEqualTo(before.get());
    }
}
