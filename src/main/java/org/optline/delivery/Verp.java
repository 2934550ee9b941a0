package org.optline.delivery;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.optline.platform.Signer;
import org.springframework.stereotype.Component;

/**
 * Per-recipient envelope senders (VERP, STANDARDS 2.17): {@code b-<token>@<bounce domain>}, where
 * the token is signed and names campaign and subscriber, so a bounce maps back to exactly one send
 * and a forged bounce maps to nothing. The local part stays within SMTP's 64 characters.
 *
 * <p>The same token starts the local part of the message's Message-ID
 * ({@code <token.random@from domain>}), so a bounce or complaint that returns only the original
 * headers, or arrives at an address other than the VERP one, still names its send. The client's
 * campaign is not in the token (it would pass 64 characters); who owns the campaign is looked up.
 *
 * <p>A send that leaves through a client's own relay is signed for another purpose
 * ({@link Send#relayed}): the client sees those addresses and could forge a bounce to one of them,
 * so such a bounce may act for that client only, never platform-wide.
 */
@Component
public class Verp {

    private static final byte PURPOSE = 'V';
    private static final byte RELAYED = 'W';
    private static final int MAC_BYTES = 8;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Signer signer;
    private final String bounceDomain;

    public Verp(Signer signer, MailProperties mail) {
        this.signer = signer;
        this.bounceDomain = mail.bounceDomain();
    }

    /**
     * The campaign and subscriber a bounce address, Message-ID or reply address names;
     * {@code relayed} when the send left through the client's own relay.
     */
    public record Send(UUID campaignId, UUID subscriberId, boolean relayed) {}

    /**
     * The signed token naming one send; {@link #addressOf} and {@link #messageIdOf} wrap it.
     * {@code relayed}: the send leaves through the client's own relay, not the platform's transport.
     */
    public String token(UUID campaignId, UUID subscriberId, boolean relayed) {
        return signed(signer, relayed ? RELAYED : PURPOSE, campaignId, subscriberId);
    }

    /** The bounce address of a {@link #token}. */
    public String addressOf(String token) {
        return "b-" + token + "@" + bounceDomain;
    }

    /**
     * A Message-ID that names the send: {@code <token.random@domain>}; the random part (72 bits)
     * keeps two messages of one send (a retry after a lost answer) apart.
     */
    public String messageIdOf(String token, String domain) {
        byte[] random = new byte[9];
        ThreadLocalRandom.current().nextBytes(random);
        return "<" + token + "." + B64.encodeToString(random) + "@" + domain + ">";
    }

    /** The send behind a bounce address, if this installation made it. */
    public Optional<Send> read(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String local = localPart(address.strip());
        if (!local.startsWith("b-")) {
            return Optional.empty();
        }
        return ofSend(local.substring(2));
    }

    /** The send behind a Message-ID this installation wrote ({@code <token.random@domain>}, brackets optional). */
    public Optional<Send> readMessageId(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        String[] parts = localPart(id).split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        return ofSend(parts[0] + "." + parts[1]);
    }

    /** A token of either purpose: the platform's transport or a client's relay. */
    private Optional<Send> ofSend(String token) {
        return verified(signer, PURPOSE, token).or(() -> verified(signer, RELAYED, token));
    }

    static String signed(Signer signer, byte purpose, UUID campaignId, UUID subscriberId) {
        ByteBuffer b = Signer.payload(purpose, 32);
        b.putLong(campaignId.getMostSignificantBits()).putLong(campaignId.getLeastSignificantBits());
        b.putLong(subscriberId.getMostSignificantBits()).putLong(subscriberId.getLeastSignificantBits());
        return signer.signShort(Signer.bytes(b), MAC_BYTES);
    }

    static Optional<Send> verified(Signer signer, byte purpose, String token) {
        return signer.verifyShort(token, MAC_BYTES).filter(p -> p.length == 33 && p[0] == purpose).map(p -> {
            ByteBuffer b = ByteBuffer.wrap(p, 1, 32);
            return new Send(new UUID(b.getLong(), b.getLong()), new UUID(b.getLong(), b.getLong()), purpose == RELAYED);
        });
    }

    static String localPart(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }
}
