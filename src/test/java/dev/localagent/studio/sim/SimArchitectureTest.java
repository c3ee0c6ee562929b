package dev.localagent.studio.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The simulator's side of the layer rules in ARCHITECTURE.md. */
class SimArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.localagent.studio.sim", "dev.localagent.studio.cli");

    @Test
    void theSimulatorUsesOnlyTheJdkJacksonAndSlf4j() {
        classes().that().resideInAPackage("dev.localagent.studio.sim..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.localagent.studio.sim..", "java..", "javax..",
                        "com.sun.net.httpserver..", "com.fasterxml.jackson..", "org.slf4j..")
                .because("the simulator shares no DTOs or parsers with the clients: a misreading of the wire must not cancel out in tests")
                .check(MAIN);
    }

    @Test
    void theCommandLineReachesTheSimulatorOnlyThroughTheAppLayer() {
        noClasses().that().resideInAPackage("dev.localagent.studio.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.localagent.studio.sim..")
                .because("cli is thin and calls app (SimulatorHost), which owns the simulator's life")
                .check(MAIN);
    }
}
