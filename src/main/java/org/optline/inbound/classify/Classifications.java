package org.optline.inbound.classify;

import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Classification.Returned;

/** Shorthands for the classifications that carry little. */
final class Classifications {

    private Classifications() {
    }

    static Classification unknown(String rule) {
        return unknown(rule, null);
    }

    static Classification unknown(String rule, Returned returned) {
        return new Classification(MailKind.UNKNOWN, null, null, null, rule, returned, null, null);
    }
}
