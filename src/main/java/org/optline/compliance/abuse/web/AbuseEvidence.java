package org.optline.compliance.abuse.web;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.optline.audience.ConsentAct;
import org.optline.audience.ConsentEvidence;
import org.optline.audience.ImportJob;

/** Readings of a subscriber's consent evidence that the case page and the API share. */
final class AbuseEvidence {

    private AbuseEvidence() {}

    /** Whether the person confirmed a double opt-in (a {@code confirmed} line in the ledger). */
    static boolean doubleOptIn(ConsentEvidence.Record r) {
        return r.ledger().stream().anyMatch(e -> e.event() == ConsentAct.CONFIRMED);
    }

    /** The imports the ledger names, by id as the ledger writes it, for the page to show beside each import line. */
    static Map<String, ImportJob> importsById(ConsentEvidence.Record r) {
        return r.imports().stream().collect(Collectors.toMap(j -> j.id().toString(), Function.identity(), (a, b) -> a));
    }

    static String id(UUID id) {
        return id == null ? null : id.toString();
    }
}
