package org.optline.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.optline.inbound.classify.InboundEnvelope;
import org.optline.inbound.spool.InboundStore;
import org.optline.inbound.spool.SpoolProcessor;
import org.optline.platform.Actor;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * Feeds one raw message to inbound processing by hand (the operator's {@code POST
 * /api/v1/inbound/raw}): it is stored like a message the listener took, processed at once, and its
 * result answered. The same bytes fed again answer the stored result.
 */
@Service
public class InboundMail {

    private final SpoolProcessor processor;
    private final InboundProperties settings;
    private final Clock clock;

    InboundMail(SpoolProcessor processor, InboundProperties settings, Clock clock) {
        this.processor = processor;
        this.settings = settings;
        this.clock = clock;
    }

    /** The largest message taken, in bytes. */
    public long maxMessageBytes() {
        return settings.maxMessageSize().toBytes();
    }

    /**
     * Stores and processes {@code raw} (RFC 5322 bytes) as if it had arrived over SMTP with the
     * envelope its headers suggest: the reverse path from Return-Path ({@code ""} without one),
     * the recipients from Delivered-To, else To.
     *
     * @throws org.optline.platform.NotFoundException for anyone but an operator
     * @throws ValidationException                    an empty or too large message
     * @throws org.optline.platform.ConflictException  a worker is processing the same message now
     * @throws InboundProcessingException             stored, but processing failed (tried again later)
     */
    public InboundResult feedRaw(Actor actor, byte[] raw) {
        actor.requireOperator();
        if (raw == null || raw.length == 0) {
            throw ValidationException.of("body", "must be a message (RFC 5322), not empty");
        }
        if (raw.length > maxMessageBytes()) {
            throw ValidationException.of("body", "must be at most " + maxMessageBytes() + " bytes");
        }
        InboundStore.Incoming message = InboundStore.Incoming.of(raw, envelopeOf(raw), "api:" + actor.label(),
                OffsetDateTime.now(clock));
        return processor.storeAndProcess(message);
    }

    /** The envelope a message's own headers suggest; an empty one when they cannot be read. */
    static InboundEnvelope envelopeOf(byte[] raw) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
            String from = "";
            String returnPath = headers.getHeader("Return-Path", ",");
            if (returnPath != null) {
                InternetAddress[] addresses = parse(returnPath);
                from = addresses.length == 0 ? "" : addresses[0].getAddress();
            }
            Set<String> recipients = new LinkedHashSet<>();
            for (String name : List.of("Delivered-To", "To")) {
                String[] values = headers.getHeader(name);
                if (values != null) {
                    for (String value : values) {
                        for (InternetAddress a : parse(value)) {
                            recipients.add(a.getAddress());
                        }
                    }
                }
                if (!recipients.isEmpty()) {
                    break;
                }
            }
            return new InboundEnvelope(from == null ? "" : from, new ArrayList<>(recipients));
        } catch (MessagingException | RuntimeException unreadable) {
            return new InboundEnvelope("", List.of());
        }
    }

    private static InternetAddress[] parse(String value) {
        String v = value.trim();
        if (v.equals("<>")) {
            return new InternetAddress[0];
        }
        try {
            return InternetAddress.parseHeader(v, false);
        } catch (AddressException e) {
            return new InternetAddress[0];
        }
    }
}
