package org.optline.delivery;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Signer;
import org.springframework.stereotype.Component;

/**
 * Per-recipient Reply-To addresses: {@code r-<token>@<reply domain>}, the token signed like a
 * {@link Verp} token (with its own purpose, so neither passes for the other) and naming campaign
 * and subscriber. A reply to a campaign thus reaches the inbound listener already matched to the
 * person and the message it answers; the client that owns the campaign is looked up from it (a
 * client id would push the local part past SMTP's 64 characters). The campaign's own reply-to
 * address is where Optline forwards the replies people write.
 */
@Component
public class ReplyAddresses {

    private static final byte PURPOSE = 'R';

    private final Signer signer;
    private final String replyDomain;

    public ReplyAddresses(Signer signer, MailProperties mail) {
        this.signer = signer;
        this.replyDomain = mail.replyDomain();
    }

    public String address(UUID campaignId, UUID subscriberId) {
        return "r-" + Verp.signed(signer, PURPOSE, campaignId, subscriberId) + "@" + replyDomain;
    }

    /** The send a reply address names, if this installation made it and it is on the reply domain. */
    public Optional<Verp.Send> read(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (at >= 0 && !a.substring(at + 1).toLowerCase(Locale.ROOT).equals(replyDomain.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String local = Verp.localPart(a);
        return local.startsWith("r-") ? Verp.verified(signer, PURPOSE, local.substring(2)) : Optional.empty();
    }

    public String replyDomain() {
        return replyDomain;
    }
}
