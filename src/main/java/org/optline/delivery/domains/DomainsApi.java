package org.optline.delivery.domains;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.optline.delivery.SendingDomain;
import org.optline.delivery.SendingDomains;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/domains}: sending domains with the DKIM selector, the DNS records to publish and
 * the last check of them; {@code POST /{id}/verify} checks them in the DNS now; {@code DELETE /{id}}
 * deletes one with its key.
 */
@RestController
@RequestMapping("/api/v1/domains")
class DomainsApi {

    record AddRequest(String domain) {}

    record DomainJson(String id, String domain, String selector, String status, OffsetDateTime verifiedAt,
                      SendingDomain.Checks checks, List<SendingDomain.DnsRecord> records) {
        static DomainJson of(SendingDomain d) {
            return new DomainJson(d.id().toString(), d.domain(), d.selector(), d.status(), d.verifiedAt(), d.checks(), d.records());
        }
    }

    private final SendingDomains domains;

    DomainsApi(SendingDomains domains) {
        this.domains = domains;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DomainJson add(Actor actor, @RequestBody AddRequest body) {
        return DomainJson.of(domains.add(actor, body.domain()));
    }

    @GetMapping
    Page<DomainJson> list(Actor actor) {
        return new Page<>(domains.list(actor).stream().map(DomainJson::of).toList(), null);
    }

    @PostMapping("/{id}/verify")
    DomainJson verify(Actor actor, @PathVariable UUID id) {
        return DomainJson.of(domains.verify(actor, id));
    }

    /** Deletes the domain with its key and releases the name; 409 while a scheduled, sending or paused campaign is From it. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable UUID id) {
        domains.remove(actor, id);
    }

    @GetMapping("/{id}")
    DomainJson get(Actor actor, @PathVariable UUID id) {
        return DomainJson.of(domains.get(actor, id));
    }
}
