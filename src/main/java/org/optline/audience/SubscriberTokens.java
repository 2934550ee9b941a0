package org.optline.audience;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Signer;
import org.springframework.stereotype.Component;

/**
 * The signed tokens in subscribers' links. A preferences or unsubscribe token names a client and a
 * subscriber and never expires (links in old mail must keep working, at least 60 days by law); it
 * is in every message, so the client can read it in its outbox, and it may only narrow what the
 * subscriber receives. A confirmation token names a client and an open confirmation (see
 * {@link SubscriptionForms}), is mailed only to the address and works once, for at most
 * {@value #CONFIRM_DAYS} days. A preview token stands in for all of these in previews and test
 * sends: the public pages say it is a preview and change nothing. None holds an address or a name.
 */
@Component
public class SubscriberTokens {

    static final int CONFIRM_DAYS = 90;
    private static final byte PREFERENCES = 'P';
    private static final byte CONFIRM_ONCE = 'K';
    private static final byte UNSUBSCRIBE = 'U';
    private static final byte PREVIEW = 'V';

    /** Which link a preview token stands in for; the same for every subscriber and message. */
    public enum Link { UNSUBSCRIBE, PREFERENCES, WEB_VERSION }

    private final Signer signer;

    public SubscriberTokens(Signer signer) {
        this.signer = signer;
    }

    /** Whose link a preferences or unsubscribe token is. */
    public record Holder(UUID clientId, UUID subscriberId) {}

    public String preferences(UUID clientId, UUID subscriberId) {
        ByteBuffer b = Signer.payload(PREFERENCES, 32);
        put(b, clientId);
        put(b, subscriberId);
        return signer.sign(Signer.bytes(b));
    }

    /**
     * The link of a mailed confirmation: the client and the confirmation's id. (Links of the
     * earlier kind, which named subscriber and list and could be used again, are not read.)
     */
    public String confirmation(UUID clientId, UUID confirmationId) {
        ByteBuffer b = Signer.payload(CONFIRM_ONCE, 32);
        put(b, clientId);
        put(b, confirmationId);
        return signer.sign(Signer.bytes(b));
    }

    /** A link of a preview or test send: it names the client only, and no page acts on it. */
    public String preview(UUID clientId, Link link) {
        ByteBuffer b = Signer.payload(PREVIEW, 17);
        b.put((byte) link.ordinal());
        put(b, clientId);
        return signer.sign(Signer.bytes(b));
    }

    public boolean isPreview(String token) {
        return signer.verify(token).filter(p -> p.length == 18 && p[0] == PREVIEW).isPresent();
    }

    /** The token of a message's unsubscribe link: client and subscriber; never expires. */
    public String unsubscribe(UUID clientId, UUID subscriberId) {
        ByteBuffer b = Signer.payload(UNSUBSCRIBE, 32);
        put(b, clientId);
        put(b, subscriberId);
        return signer.sign(Signer.bytes(b));
    }

    public Optional<Holder> readUnsubscribe(String token) {
        return signer.verify(token).filter(p -> p.length == 33 && p[0] == UNSUBSCRIBE).map(p -> {
            ByteBuffer b = ByteBuffer.wrap(p, 1, 32);
            return new Holder(uuid(b), uuid(b));
        });
    }

    public Optional<Holder> readPreferences(String token) {
        return signer.verify(token).filter(p -> p.length == 33 && p[0] == PREFERENCES).map(p -> {
            ByteBuffer b = ByteBuffer.wrap(p, 1, 32);
            return new Holder(uuid(b), uuid(b));
        });
    }

    /** Which open confirmation a link names; whether it is still open is for the caller to look up. */
    public record Confirmation(UUID clientId, UUID id) {}

    public Optional<Confirmation> readConfirmation(String token) {
        return signer.verify(token).filter(p -> p.length == 33 && p[0] == CONFIRM_ONCE).map(p -> {
            ByteBuffer b = ByteBuffer.wrap(p, 1, 32);
            return new Confirmation(uuid(b), uuid(b));
        });
    }

    private static void put(ByteBuffer b, UUID id) {
        b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static UUID uuid(ByteBuffer b) {
        return new UUID(b.getLong(), b.getLong());
    }
}
