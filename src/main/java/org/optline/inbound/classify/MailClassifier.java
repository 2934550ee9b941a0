package org.optline.inbound.classify;

/**
 * Reads one raw inbound message (RFC 5322 bytes, as received) into a {@link Classification}.
 * Never throws: a message it cannot parse or cannot tell is {@link org.optline.inbound.MailKind#UNKNOWN}
 * with the reason in {@code rule}.
 */
public interface MailClassifier {

    Classification classify(byte[] raw, InboundEnvelope envelope);
}
