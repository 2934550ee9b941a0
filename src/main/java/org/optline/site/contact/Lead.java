package org.optline.site.contact;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A visitor's message through the contact form: who wrote, from which company, what, and the
 * consent sentence they ticked; {@code new} until an operator marks it answered (by whom, when,
 * with an optional note).
 */
public record Lead(UUID id, String reference, String name, String email, String company, String phone, String message,
                   String consentText, String status, OffsetDateTime createdAt, OffsetDateTime answeredAt,
                   String answeredBy, String answerNote) {

    public static final String NEW = "new";
    public static final String ANSWERED = "answered";

    public boolean answered() {
        return ANSWERED.equals(status);
    }
}
