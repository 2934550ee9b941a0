package org.optline.delivery;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.optline.campaign.SenderDomains;
import org.optline.delivery.domains.DomainStore;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * A client's sending domains: each gets a 2048-bit RSA DKIM key pair and a dated selector, and
 * the DNS records to publish (DKIM, SPF and DMARC advice). The delivery engine signs with the
 * key ({@code dkim.DkimKeys}); checking that the records are published is not built. Campaigns
 * may only be sent From a domain set up here.
 */
@Service
public class SendingDomains implements SenderDomains {

    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    private final DomainStore store;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;

    public SendingDomains(DomainStore store, TenantScope scope, AuditLog audit, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    public SendingDomain add(Actor actor, String rawDomain) {
        UUID clientId = actor.requireClientWriter();
        String domain = rawDomain == null ? "" : rawDomain.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw ValidationException.of("domain", "is not a domain name like mail.example.com");
        }
        KeyPair keys = rsa2048();
        var now = Times.now(clock);
        String selector = "opl" + now.format(DateTimeFormatter.ofPattern("yyyyMM"));
        UUID id = UUID.randomUUID();
        return scope.inClient(clientId, () -> {
            if (store.taken(clientId, domain)) {
                throw new ConflictException("The domain " + domain + " is already set up");
            }
            store.insert(id, clientId, domain, selector, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
                    Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()), now);
            audit.record(actor, clientId, "domain.added", "domain:" + id, domain);
            return view(store.find(clientId, id).orElseThrow());
        });
    }

    public List<SendingDomain> list(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.list(clientId)).stream().map(SendingDomains::view).toList();
    }

    public SendingDomain get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.find(clientId, id)).map(SendingDomains::view)
                .orElseThrow(() -> new NotFoundException("No domain " + id));
    }

    @Override
    public boolean isSetUp(UUID clientId, String domain) {
        return domain != null && scope.inClient(clientId, () -> store.taken(clientId, domain.toLowerCase(Locale.ROOT)));
    }

    private static SendingDomain view(DomainStore.Row r) {
        List<SendingDomain.DnsRecord> records = List.of(
                new SendingDomain.DnsRecord("DKIM", "TXT", r.selector() + "._domainkey." + r.domain(), "v=DKIM1; k=rsa; p=" + r.publicKey()),
                new SendingDomain.DnsRecord("SPF (advice: add the sending hosts to yours)", "TXT", r.domain(), "v=spf1 mx a ~all"),
                new SendingDomain.DnsRecord("DMARC (advice)", "TXT", "_dmarc." + r.domain(), "v=DMARC1; p=none; rua=mailto:dmarc@" + r.domain()));
        return new SendingDomain(r.id(), r.clientId(), r.domain(), r.selector(), records, r.createdAt(), r.verifiedAt());
    }

    private static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
