package org.optline.audience;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Signer;
import org.springframework.stereotype.Component;

/**
 * The signed tokens in subscribers' links. A preferences token names a client and a subscriber
 * and never expires (links in old mail must keep working, at least 60 days by law); a confirmation
 * token also names the list and is honoured for {@value #CONFIRM_DAYS} days. Neither holds an
 * address or a name.
 */
@Component
public class SubscriberTokens {

    static final int CONFIRM_DAYS = 90;
    private static final byte PREFERENCES = 'P';
    private static final byte CONFIRM = 'C';
    private static final byte UNSUBSCRIBE = 'U';

    private final Signer signer;

    public SubscriberTokens(Signer signer) {
        this.signer = signer;
    }

    /** Who a token is for. {@code listId} is null for preferences tokens. */
    public record Holder(UUID clientId, UUID subscriberId, UUID listId) {}

    public String preferences(UUID clientId, UUID subscriberId) {
        ByteBuffer b = Signer.payload(PREFERENCES, 32);
        put(b, clientId);
        put(b, subscriberId);
        return signer.sign(Signer.bytes(b));
    }

    public String confirmation(UUID clientId, UUID subscriberId, UUID listId) {
        ByteBuffer b = Signer.payload(CONFIRM, 52);
        put(b, clientId);
        put(b, subscriberId);
        put(b, listId);
        b.putInt(signer.today());
        return signer.sign(Signer.bytes(b));
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
            return new Holder(uuid(b), uuid(b), null);
        });
    }

    public Optional<Holder> readPreferences(String token) {
        return signer.verify(token).filter(p -> p.length == 33 && p[0] == PREFERENCES).map(p -> {
            ByteBuffer b = ByteBuffer.wrap(p, 1, 32);
            return new Holder(uuid(b), uuid(b), null);
        });
    }

    public Optional<Holder> readConfirmation(String token) {
        return signer.verify(token).filter(p -> p.length == 53 && p[0] == CONFIRM).flatMap(p -> {
            ByteBuffer b = ByteBuffer.wrap(p, 1, 52);
            Holder holder = new Holder(uuid(b), uuid(b), uuid(b));
            int issued = b.getInt();
            return signer.today() - issued <= CONFIRM_DAYS ? Optional.of(holder) : Optional.empty();
        });
    }

    private static void put(ByteBuffer b, UUID id) {
        b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static UUID uuid(ByteBuffer b) {
        return new UUID(b.getLong(), b.getLong());
    }
}
