package org.optline.campaign;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Signer;
import org.springframework.stereotype.Component;

/** Signed links to the web version of a sent message: client, campaign and subscriber; never expire. */
@Component
public class WebViewTokens {

    private static final byte PURPOSE = 'W';

    private final Signer signer;

    public WebViewTokens(Signer signer) {
        this.signer = signer;
    }

    /** Whose message a web-view link shows. */
    public record View(UUID clientId, UUID campaignId, UUID subscriberId) {}

    public String token(UUID clientId, UUID campaignId, UUID subscriberId) {
        ByteBuffer b = Signer.payload(PURPOSE, 48);
        for (UUID id : new UUID[] {clientId, campaignId, subscriberId}) {
            b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        }
        return signer.sign(Signer.bytes(b));
    }

    public Optional<View> read(String token) {
        return signer.verify(token).filter(p -> p.length == 49 && p[0] == PURPOSE).map(p -> {
            ByteBuffer b = ByteBuffer.wrap(p, 1, 48);
            return new View(new UUID(b.getLong(), b.getLong()), new UUID(b.getLong(), b.getLong()), new UUID(b.getLong(), b.getLong()));
        });
    }
}
