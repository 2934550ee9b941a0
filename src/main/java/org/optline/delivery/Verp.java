package org.optline.delivery;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Signer;
import org.springframework.stereotype.Component;

/**
 * Per-recipient envelope senders (VERP, STANDARDS 2.17): {@code b-<token>@<bounce domain>}, where
 * the token is signed and names campaign and subscriber, so a bounce maps back to exactly one send
 * and a forged bounce maps to nothing. The local part stays within SMTP's 64 characters.
 */
@Component
public class Verp {

    private static final byte PURPOSE = 'V';
    private static final int MAC_BYTES = 8;

    private final Signer signer;
    private final String bounceDomain;

    public Verp(Signer signer, MailProperties mail) {
        this.signer = signer;
        this.bounceDomain = mail.bounceDomain();
    }

    /** The campaign and subscriber a bounce address names. */
    public record Send(UUID campaignId, UUID subscriberId) {}

    public String address(UUID campaignId, UUID subscriberId) {
        ByteBuffer b = Signer.payload(PURPOSE, 32);
        b.putLong(campaignId.getMostSignificantBits()).putLong(campaignId.getLeastSignificantBits());
        b.putLong(subscriberId.getMostSignificantBits()).putLong(subscriberId.getLeastSignificantBits());
        return "b-" + signer.signShort(Signer.bytes(b), MAC_BYTES) + "@" + bounceDomain;
    }

    /** The send behind a bounce address, if this installation made it. */
    public Optional<Send> read(String address) {
        if (address == null) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        if (!local.startsWith("b-")) {
            return Optional.empty();
        }
        return signer.verifyShort(local.substring(2), MAC_BYTES).filter(p -> p.length == 33 && p[0] == PURPOSE).map(p -> {
            ByteBuffer b = ByteBuffer.wrap(p, 1, 32);
            return new Send(new UUID(b.getLong(), b.getLong()), new UUID(b.getLong(), b.getLong()));
        });
    }
}
