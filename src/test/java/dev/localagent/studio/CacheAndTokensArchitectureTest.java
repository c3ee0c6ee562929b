package dev.localagent.studio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The arrows of ARCHITECTURE.md as they apply to the cache, token, cost and store packages. */
class CacheAndTokensArchitectureTest {

    private static JavaClasses classes;

    /**
     * The rules only name packages, so the classes they point at need not be loaded: turning off
     * ArchUnit's classpath resolution for this import takes it from ~12 s to well under one.
     */
    @BeforeAll
    static void importClasses() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            classes = importOwnPackages();
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    private static JavaClasses importOwnPackages() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(
                "dev.localagent.studio.service.cache", "dev.localagent.studio.service.tokens", "dev.localagent.studio.service.store");
    }

    @Test
    void theServicePackagesStayBelowTheUiTheCommandLineAndTheCompositionRoot() {
        noClasses().that().resideInAnyPackage("..service.cache..", "..service.tokens..", "..service.store..")
                .should().dependOnClassesThat().resideInAnyPackage("..ui..", "..cli..", "..app..", "..sim..", "javafx..")
                .because("service code runs headless and in tests; only app composes it and only ui knows JavaFX")
                .check(classes);
    }

    @Test
    void theCacheKnowsNoProviderClient() {
        noClasses().that().resideInAPackage("..service.cache..")
                .should().dependOnClassesThat().resideInAnyPackage("..service.provider..", "..service.http..", "..service.tokens..")
                .because("the cache holds replies by key; the pipeline adapts it to providers and prices, so it can be tested alone")
                .check(classes);
    }

    @Test
    void theStoreKnowsOnlyJdbcAndItsOwnRows() {
        noClasses().that().resideInAPackage("..service.store..")
                .should().dependOnClassesThat().resideInAnyPackage("..service.tokens..", "..service.cache..", "..service.provider..")
                .because("storage is the bottom of the service layer: features depend on it, never the other way round")
                .check(classes);
    }
}
