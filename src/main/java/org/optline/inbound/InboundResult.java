package org.optline.inbound;

/**
 * What one inbound message became, as {@code POST /api/v1/inbound/raw} answers it.
 *
 * @param kind      the classification
 * @param recipient the address the message is about (the bounced or complaining recipient, the
 *                  replying subscriber), null when it could not be told
 * @param status    the enhanced status code of a bounce ({@code 5.1.1}), the feedback type of a
 *                  complaint ({@code abuse}), null otherwise
 * @param action    what Optline did, in a few words for people ("suppressed", "ignored: auto-reply",
 *                  "kept for the client", "unmatched: no send found")
 */
public record InboundResult(MailKind kind, String recipient, String status, String action) {}
