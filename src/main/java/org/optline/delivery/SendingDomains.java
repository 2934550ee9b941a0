package org.optline.delivery;

import com.google.common.net.InternetDomainName;
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
import org.optline.campaign.CampaignDispatch;
import org.optline.campaign.SenderDomains;
import org.optline.delivery.dkim.DkimKeys;
import org.optline.delivery.domains.DomainChecks;
import org.optline.delivery.domains.DomainStore;
import org.optline.delivery.transport.MailTransport;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * A client's sending domains: each gets a 2048-bit RSA DKIM key pair and a dated selector, and
 * the DNS records to publish (DKIM, SPF and DMARC advice). A name belongs to one client: a name
 * equal to, above or below another client's is refused (409, without saying whose). A check looks
 * the records up in the DNS ({@code domains.DomainChecks}); the domain is verified while its DKIM
 * record carries our key. The delivery engine signs with the key of a claimed domain
 * ({@code dkim.DkimKeys}). Campaigns are only sent From a domain set up here, and through an SMTP
 * relay (the platform's or the client's) only From a verified one; the capture outbox needs no DNS.
 */
@Service
public class SendingDomains implements SenderDomains {

    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    private final DomainStore store;
    private final DomainChecks checks;
    private final ClientRelays relays;
    private final MailTransport platformTransport;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final CampaignDispatch dispatch;
    private final DkimKeys keys;

    public SendingDomains(DomainStore store, DomainChecks checks, ClientRelays relays, MailTransport platformTransport, TenantScope scope,
                          AuditLog audit, Clock clock, CampaignDispatch dispatch, DkimKeys keys) {
        this.dispatch = dispatch;
        this.keys = keys;
        this.store = store;
        this.checks = checks;
        this.relays = relays;
        this.platformTransport = platformTransport;
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
        // A claim covers the names below it: one on a suffix under which anybody registers names
        // (com, co.uk, github.io) would lock every other client out of all of them.
        if (InternetDomainName.isValid(domain) && InternetDomainName.from(domain).isPublicSuffix()) {
            throw ValidationException.of("domain", "is a public suffix, under which anybody registers names; "
                    + "add your own domain, like example.co.uk");
        }
        KeyPair keys = rsa2048();
        var now = Times.now(clock);
        String selector = "opl" + now.format(DateTimeFormatter.ofPattern("yyyyMM"));
        UUID id = UUID.randomUUID();
        // The platform scope: the claim must see every client's claims, which row-level security
        // hides from a client. Every row written still names the client.
        try {
            return scope.asPlatform(() -> {
                store.takeClaimsTurn();
                if (store.taken(clientId, domain)) {
                    throw new ConflictException("The domain " + domain + " is already set up");
                }
                if (store.claimedByOthers(clientId, domain)) {
                    throw new ConflictException("The domain " + domain + ", or a domain above or below it, belongs to another "
                            + "account on this platform");
                }
                store.insert(id, clientId, domain, selector, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()), now);
                store.claim(clientId, domain, id, now);
                audit.record(actor, clientId, "domain.added", "domain:" + id, domain);
                return view(store.find(clientId, id).orElseThrow());
            });
        } catch (DuplicateKeyException e) {
            // The claims' turn makes this rare; the primary key on the name still decides.
            throw new ConflictException("The domain " + domain + " is already set up or belongs to another account on this platform");
        }
    }

    /**
     * Looks the domain's records up in the DNS now (answers may be cached for a short while) and
     * stores what was found: the domain is verified while its DKIM record carries our key.
     */
    public SendingDomain verify(Actor actor, UUID id) {
        UUID clientId = actor.requireClientWriter();
        DomainStore.Row row = scope.inClient(clientId, () -> store.find(clientId, id))
                .orElseThrow(() -> new NotFoundException("No domain " + id));
        if (!row.claimed()) {
            throw new ConflictException("The domain " + row.domain() + " belongs to another account on this platform; "
                    + "it cannot be verified here");
        }
        DomainChecks.Findings found = checks.check(row.domain(), row.selector(), row.publicKey());
        return scope.inClient(clientId, () -> {
            store.recordCheck(clientId, id, found.dkim(), found.spf(), found.dmarc(), Times.now(clock));
            DomainStore.Row checked = store.find(clientId, id).orElseThrow(() -> new NotFoundException("No domain " + id));
            if ((checked.verifiedAt() != null) != (row.verifiedAt() != null)) {
                audit.record(actor, clientId, checked.verifiedAt() != null ? "domain.verified" : "domain.unverified",
                        "domain:" + id, row.domain() + " (DKIM " + found.dkim() + ")");
            }
            return view(checked);
        });
    }

    /**
     * Deletes a sending domain with its DKIM key and releases the name, which this or another
     * client may then add again (with a new key). Refused while a scheduled, sending or paused
     * campaign is From an address at it: that mail would lose its signature or its relay. Drafts
     * do not hold a domain; their send checklist asks for one again.
     */
    public void remove(Actor actor, UUID id) {
        UUID clientId = actor.requireClientWriter();
        DomainStore.Row row = scope.inClient(clientId, () -> store.find(clientId, id))
                .orElseThrow(() -> new NotFoundException("No domain " + id));
        List<String> campaigns = dispatch.stillSendingFrom(clientId, row.domain());
        if (!campaigns.isEmpty()) {
            throw new ConflictException("The domain " + row.domain() + " cannot be deleted while "
                    + (campaigns.size() == 1 ? "the campaign " : "the campaigns ")
                    + String.join(", ", campaigns.stream().map(n -> "\"" + n + "\"").toList())
                    + (campaigns.size() == 1 ? " sends" : " send") + " from it; let "
                    + (campaigns.size() == 1 ? "it" : "them") + " finish or cancel "
                    + (campaigns.size() == 1 ? "it" : "them") + " first");
        }
        scope.inClient(clientId, () -> {
            if (!store.delete(clientId, id)) {
                throw new NotFoundException("No domain " + id);
            }
            audit.record(actor, clientId, "domain.deleted", "domain:" + id, row.domain());
            return null;
        });
        keys.forget(clientId, row.domain());
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
    public Standing standing(UUID clientId, String domain) {
        if (domain == null) {
            return Standing.NOT_SET_UP;
        }
        var claimed = scope.inClient(clientId, () -> store.standing(clientId, domain.toLowerCase(Locale.ROOT)));
        if (claimed.isEmpty()) {
            return Standing.NOT_SET_UP;
        }
        if (claimed.get().isPresent()) {
            return Standing.VERIFIED;
        }
        return leavesThroughSmtp(clientId) ? Standing.UNVERIFIED : Standing.UNVERIFIED_CAPTURED;
    }

    /** Whether the client's domain of this name is claimed by it and verified: what mail through an SMTP relay needs. */
    public boolean verified(UUID clientId, String domain) {
        return scope.inClient(clientId, () -> store.standing(clientId, domain.toLowerCase(Locale.ROOT))).flatMap(v -> v).isPresent();
    }

    /**
     * The client's mail leaves through its own relay, or through the platform's transport when that
     * one leaves the platform (the rule delivery applies, {@code Transports.forClient}).
     */
    private boolean leavesThroughSmtp(UUID clientId) {
        return platformTransport.leavesThePlatform() || relays.forDelivery(clientId).isPresent();
    }

    private static SendingDomain view(DomainStore.Row r) {
        List<SendingDomain.DnsRecord> records = List.of(
                new SendingDomain.DnsRecord("DKIM", "TXT", DomainChecks.dkimName(r.selector(), r.domain()), "v=DKIM1; k=rsa; p=" + r.publicKey()),
                new SendingDomain.DnsRecord("SPF (advice: add the sending hosts to yours)", "TXT", r.domain(), "v=spf1 mx a ~all"),
                new SendingDomain.DnsRecord("DMARC (advice)", "TXT", "_dmarc." + r.domain(), "v=DMARC1; p=none; rua=mailto:dmarc@" + r.domain()));
        SendingDomain.Checks checked = r.checkedAt() == null ? null
                : new SendingDomain.Checks(r.checkedAt(), r.dkimCheck(), r.spfCheck(), r.dmarcCheck());
        return new SendingDomain(r.id(), r.clientId(), r.domain(), r.selector(), records, r.createdAt(), r.verifiedAt(), r.claimed(),
                checked);
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
