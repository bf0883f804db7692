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
    void theModulesHaveNoCyclesBetweenThem() {
        slices().matching("io.parley.(*)..").should().beFreeOfCycles().check(PARLEY);
    }

    @Test
    void realtimesPackagesHaveNoCyclesAndThePushSideKnowsNoSocket() {
        slices().matching("io.parley.realtime.(*)..").should().beFreeOfCycles().check(PARLEY);
        noClasses().that().resideInAnyPackage("io.parley.realtime.push..", "io.parley.realtime.api..")
                   .should().dependOnClassesThat().resideInAPackage("io.parley.realtime.socket..")
                   .check(PARLEY);
        noClasses().that().resideInAPackage("io.parley.realtime.api..")
                   .should().dependOnClassesThat().resideInAPackage("io.parley.realtime.push..")
                   .check(PARLEY);
    }

    @Test
    void theFeaturesPlugIntoRealtimeThroughItsApiAlone() {
        noClasses().that().resideInAnyPackage("io.parley.gateway.dialog..", "io.parley.gateway.server..",
                                              "io.parley.gateway.user..", "io.parley.gateway.audit..",
                                              "io.parley.gateway.file..", "io.parley.gateway.auth..")
                   .should().dependOnClassesThat().resideInAnyPackage("io.parley.realtime.socket..",
                                                                     "io.parley.realtime.push..")
                   .check(PARLEY);
    }

    @Test
    void theModulesUnderTheGatewayNeverReachIntoIt() {
        noClasses().that().resideInAnyPackage("io.parley.processing..", "io.parley.notifications..",
                                              "io.parley.realtime..")
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
