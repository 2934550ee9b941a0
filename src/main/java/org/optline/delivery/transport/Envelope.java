package org.optline.delivery.transport;

import java.util.UUID;

/**
 * One message ready for the wire: the SMTP envelope (VERP return path, one recipient) and the
 * finished, signed bytes. Client, campaign and subscriber tie the outcome back to the send queue row.
 */
public record Envelope(UUID clientId, UUID campaignId, UUID subscriberId, String mailFrom, String rcptTo, String subject, byte[] data) {}
