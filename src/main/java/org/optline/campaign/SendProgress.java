package org.optline.campaign;

import java.util.Map;
import java.util.UUID;

/**
 * The port through which campaign pages show sending progress (messages per state: queued,
 * sending, sent, suppressed, failed). The delivery module, which owns the send queue, implements it.
 */
public interface SendProgress {

    Map<String, Long> counts(UUID clientId, UUID campaignId);
}
