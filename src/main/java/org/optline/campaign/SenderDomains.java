package org.optline.campaign;

import java.util.UUID;

/**
 * The port through which the campaign checklist asks how a From domain stands with the client's
 * sending domains. The delivery module, which owns domains, their DKIM keys and the transports,
 * implements it.
 */
public interface SenderDomains {

    /** How a From domain stands for sending now. */
    enum Standing {
        /** Not one of the client's sending domains (or the name belongs to another client). */
        NOT_SET_UP,
        /** Set up, its DNS record not verified, and the client's mail leaves through an SMTP relay: refused. */
        UNVERIFIED,
        /** Set up, not verified, and the client's mail goes to the capture outbox, which needs no DNS. */
        UNVERIFIED_CAPTURED,
        /** Set up and verified. */
        VERIFIED
    }

    Standing standing(UUID clientId, String domain);
}
