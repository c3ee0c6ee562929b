package dev.localagent.studio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The import arrows of ARCHITECTURE.md: ui → app → service → model, cli → app, sim on its own. */
@AnalyzeClasses(packages = "dev.localagent.studio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String BASE = "dev.localagent.studio";
    private static final String MODEL = BASE + ".model..";
    private static final String SERVICE = BASE + ".service..";
    private static final String APP = BASE + ".app..";
    private static final String UI = BASE + ".ui..";
    private static final String CLI = BASE + ".cli..";
    private static final String SIM = BASE + ".sim..";

    @ArchTest
    static final ArchRule modelDependsOnNoLayer = noClasses().that().resideInAPackage(MODEL)
            .should().dependOnClassesThat().resideInAnyPackage(SERVICE, APP, UI, CLI, SIM, "javafx..")
            .because("model records are shared by every layer and must not pull any layer in");

    @ArchTest
    static final ArchRule serviceIsFreeOfUiAndCallers = noClasses().that().resideInAPackage(SERVICE)
            .should().dependOnClassesThat().resideInAnyPackage(APP, UI, CLI, SIM, "javafx..")
            .because("the service layer runs headless from the command line, in benchmarks and in CI");

    @ArchTest
    static final ArchRule appKnowsNoFrontEnd = noClasses().that().resideInAPackage(APP)
            .should().dependOnClassesThat().resideInAnyPackage(UI, CLI, "javafx..")
            .because("the composition root is shared by the window and the command line");

    @ArchTest
    static final ArchRule cliDoesNotImportUi = noClasses().that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAnyPackage(UI, SIM, "javafx..")
            .because("commands are thin and reach the window and the simulator only through app");

    @ArchTest
    static final ArchRule uiDoesNotReachAroundApp = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage(CLI, SIM)
            .because("the window gets its simulator and services from the composition root");

    @ArchTest
    static final ArchRule simulatorStandsAlone = noClasses().that().resideInAPackage(SIM)
            .should().dependOnClassesThat().resideInAnyPackage(MODEL, SERVICE, APP, UI, CLI, "javafx..")
            .because("a client bug must not be mirrored by the server and cancel out in tests")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyTheLauncherJoinsCommandLineAndWindow = noClasses()
            .that().resideOutsideOfPackages(UI, CLI).and().doNotHaveFullyQualifiedName(BASE + ".Launcher")
            .should().dependOnClassesThat().resideInAnyPackage(UI, CLI)
            .because("the launcher alone hands the window to the command line");
}
