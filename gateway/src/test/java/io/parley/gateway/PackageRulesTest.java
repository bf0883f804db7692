package io.parley.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's rooms: each feature package ({@code realtime}, {@code dialog}, {@code server},
 * {@code dialog}, …) may use others only one way, so that none can be understood only together with
 * another. The Maven modules keep the same rule between modules.
 */
class PackageRulesTest {

    private static final JavaClasses PARLEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley");

    @Test
    void theGatewaysFeaturePackagesHaveNoCycles() {
        slices().matching("io.parley.gateway.(*)..").should().beFreeOfCycles().check(PARLEY);
    }

    @Test
    void theEventStoreKnowsNothingOfChat() {
        noClasses().that().resideInAPackage("io.parley.eventstore..")
                   .should().dependOnClassesThat().resideInAnyPackage("io.parley.gateway..", "io.parley.api..",
                                                                     "io.parley.command..", "io.parley.query..")
                   .check(PARLEY);
    }

    @Test
    void theModulesUnderTheGatewayNeverReachIntoIt() {
        noClasses().that().resideInAnyPackage("io.parley.processing..", "io.parley.notifications..")
                   .should().dependOnClassesThat().resideInAnyPackage("io.parley.gateway..", "io.parley.command..",
                                                                     "io.parley.query..")
                   .check(PARLEY);
    }

    @Test
    void theCommandAndQuerySidesHaveNoCyclesBetweenTheirPackages() {
        slices().matching("io.parley.command.(*)..").should().beFreeOfCycles().check(PARLEY);
        slices().matching("io.parley.query.(*)..").should().beFreeOfCycles().check(PARLEY);
    }
}
