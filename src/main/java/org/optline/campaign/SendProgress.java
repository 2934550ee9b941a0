package org.optline.campaign;

import java.util.UUID;

/**
 * The port through which campaign pages show sending progress (recipients per {@link SendState}).
 * The delivery module, which owns the send queue, implements it.
 */
public interface SendProgress {

    SendCounts counts(UUID clientId, UUID campaignId);
}
