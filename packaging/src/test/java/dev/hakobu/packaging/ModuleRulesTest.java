package dev.hakobu.packaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of ARCHITECTURE.md, checked on the main classes of every module (this module has them
 * all on its test classpath). Each rule is one of the "never" arrows; a failure names the offending
 * class and the dependency.
 */
class ModuleRulesTest {
    private static final String[] API = {
        "dev.hakobu.event..", "dev.hakobu.output..", "dev.hakobu.encoding..", "dev.hakobu.retry.."
    };
    private static final String[] OURS_BUT_API = {
        "dev.hakobu.config..",
        "dev.hakobu.mask..",
        "dev.hakobu.forward..",
        "dev.hakobu.runtime..",
        "dev.hakobu.agent..",
        "dev.hakobu.aggregator..",
        "dev.hakobu.outputs..",
        "dev.hakobu.demo.."
    };

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.hakobu");
    }

    @Test
    void theImportFoundEveryModule() {
        for (String pkg :
                new String[] {
                    "dev.hakobu.event",
                    "dev.hakobu.output",
                    "dev.hakobu.forward",
                    "dev.hakobu.runtime",
                    "dev.hakobu.agent",
                    "dev.hakobu.aggregator",
                    "dev.hakobu.outputs.s3",
                    "dev.hakobu.outputs.file",
                    "dev.hakobu.mask"
                }) {
            org.assertj.core.api.Assertions.assertThat(main.containPackage(pkg)).as(pkg).isTrue();
        }
    }

    @Test
    void apiDependsOnNothingOfOursAndNotOnNetty() {
        noClasses()
                .that()
                .resideInAnyPackage(API)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(OURS_BUT_API)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("io.netty..")
                .check(main);
    }

    @Test
    void theForwardProtocolKnowsNoRoleAndNoOutput() {
        noClasses()
                .that()
                .resideInAPackage("dev.hakobu.forward..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.hakobu.agent..",
                        "dev.hakobu.aggregator..",
                        "dev.hakobu.outputs..",
                        "dev.hakobu.runtime..",
                        "dev.hakobu.mask..")
                .check(main);
    }

    @Test
    void outputsKnowNoRole() {
        noClasses()
                .that()
                .resideInAPackage("dev.hakobu.outputs..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.hakobu.agent..", "dev.hakobu.aggregator..", "dev.hakobu.forward..")
                .check(main);
    }

    @Test
    void theAgentKnowsNoOutputNoAggregatorAndNoAwsSdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.hakobu.agent..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.hakobu.outputs..", "dev.hakobu.aggregator..", "software.amazon..")
                .check(main);
    }

    @Test
    void theAggregatorFindsOutputsOnlyAtRunTime() {
        noClasses()
                .that()
                .resideInAPackage("dev.hakobu.aggregator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.hakobu.outputs..", "dev.hakobu.agent..", "software.amazon..")
                .check(main);
    }

    @Test
    void theRuntimeKnowsNoRole() {
        noClasses()
                .that()
                .resideInAPackage("dev.hakobu.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.hakobu.agent..",
                        "dev.hakobu.aggregator..",
                        "dev.hakobu.outputs..",
                        "dev.hakobu.forward..",
                        "dev.hakobu.mask..")
                .check(main);
    }

    @Test
    void maskingKnowsOnlyTheApiAndTheConfig() {
        noClasses()
                .that()
                .resideInAPackage("dev.hakobu.mask..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.hakobu.agent..",
                        "dev.hakobu.aggregator..",
                        "dev.hakobu.outputs..",
                        "dev.hakobu.forward..",
                        "dev.hakobu.runtime..")
                .check(main);
    }

    @Test
    void theConfigLibraryKnowsNothingOfHakobu() {
        noClasses()
                .that()
                .resideInAPackage("dev.hakobu.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(API)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        OURS_BUT_API[1],
                        OURS_BUT_API[2],
                        OURS_BUT_API[3],
                        OURS_BUT_API[4],
                        OURS_BUT_API[5],
                        OURS_BUT_API[6],
                        OURS_BUT_API[7])
                .check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.hakobu.(**)").should().beFreeOfCycles().check(main);
    }
}
