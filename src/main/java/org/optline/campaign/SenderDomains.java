package org.optline.campaign;

import java.util.UUID;

/**
 * The port through which the campaign checklist asks whether a From domain is one of the client's
 * sending domains. The delivery module, which owns domains and their DKIM keys, implements it.
 */
public interface SenderDomains {

    boolean isSetUp(UUID clientId, String domain);
}
