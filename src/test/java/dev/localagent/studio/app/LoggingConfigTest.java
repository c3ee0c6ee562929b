package dev.localagent.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipped logback.xml: secrets-bearing loggers stay off, failures reach the file only. */
class LoggingConfigTest {

    @Test
    void httpClientWireAndHeaderLoggersAreOffWhateverTheRootLevel() {
        for (String name : List.of("org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers")) {
            org.slf4j.Logger logger = LoggerFactory.getLogger(name);
            assertThat(logger.isErrorEnabled()).as(name).isFalse();
            assertThat(logger.isDebugEnabled()).as(name).isFalse();
        }
    }

    @Test
    void commandFailureTracesGoToTheFileAndNotTheConsole() {
        Logger failures = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("dev.localagent.studio.failures");
        List<String> appenders = new ArrayList<>();
        failures.iteratorForAppenders().forEachRemaining(a -> appenders.add(a.getName()));

        assertThat(failures.isAdditive()).isFalse();
        assertThat(appenders).containsExactly("FILE");
    }
}
