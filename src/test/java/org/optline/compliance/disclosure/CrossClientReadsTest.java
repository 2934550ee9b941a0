package org.optline.compliance.disclosure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.optline.audience.Exports;
import org.optline.audience.SubscriberDirectory;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.delivery.DeliveryRecords;
import org.optline.inbound.InboundRecords;
import org.optline.tracking.TrackedEvents;

/**
 * The "only route" rule, in the code: the one statement that reads subscribers across clients
 * ({@code SubscriberStore.clientsHolding}, run with platform rights) is reached only through
 * {@code SubscriberDirectory.clientsHolding}, which only {@link LegalDisclosures} calls; the
 * per-client readers made for it are called by nothing else; and {@link LegalDisclosures} is used
 * only by its API and page, so {@code POST /api/v1/legal-disclosures} and the operator's
 * {@code /operator/legal-disclosures} are the only ways in. {@code LegalDisclosureContract} checks
 * the same at run time, route by route.
 */
class CrossClientReadsTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.optline");

    private static final String DISCLOSURES = LegalDisclosures.class.getName();

    @Test
    void theCrossClientStatementIsReachedOnlyThroughTheDirectory() {
        methods().that().haveName("clientsHolding").and().areDeclaredIn(SubscriberStore.class)
                .should().onlyBeCalled().byClassesThat().haveFullyQualifiedName(SubscriberDirectory.class.getName())
                .because("it is the one statement on subscribers that names no client")
                .check(CLASSES);
    }

    @Test
    void onlyTheLegalDisclosureAsksWhichClientsHoldAnAddress() {
        methods().that().haveName("clientsHolding").and().areDeclaredIn(SubscriberDirectory.class)
                .should().onlyBeCalled().byClassesThat().haveFullyQualifiedName(DISCLOSURES)
                .because("legal disclosure is the one feature that reads across clients")
                .check(CLASSES);
    }

    @Test
    void theRecordsMadeForTheDisclosureAreReadOnlyByIt() {
        onlyTheDisclosureCalls(Exports.class, "heldAbout");
        onlyTheDisclosureCalls(DeliveryRecords.class, "heldAbout");
        onlyTheDisclosureCalls(InboundRecords.class, "heldAbout");
        onlyTheDisclosureCalls(TrackedEvents.class, "ofSubscriber");
    }

    /** They read a client's rows by a client id the caller chooses, so they are the disclosure's alone. */
    private static void onlyTheDisclosureCalls(Class<?> owner, String method) {
        methods().that().haveName(method).and().areDeclaredIn(owner)
                .should().onlyBeCalled().byClassesThat().haveFullyQualifiedName(DISCLOSURES)
                .because("a reader made for the legal disclosure reads any client's rows it is given the id of")
                .check(CLASSES);
    }

    @Test
    void theDisclosureIsReachedOnlyFromItsApiAndPage() {
        classes().that().haveFullyQualifiedName(DISCLOSURES)
                .should().onlyHaveDependentClassesThat().haveNameMatching(
                        DISCLOSURES.replace(".", "\\.") + "(\\$.*)?|.*\\.LegalDisclosuresApi(\\$.*)?|.*\\.LegalDisclosuresPage(\\$.*)?")
                .check(CLASSES);
    }
}
