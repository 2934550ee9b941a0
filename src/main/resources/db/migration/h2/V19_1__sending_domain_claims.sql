-- Existing domains: each name goes to the client that added it first. A row whose name equals, or
-- lies above or below, a name another client added earlier gets no claim: it stays listed as
-- claimed by another client and is never used to sign, verify or send through a relay.
insert into sending_domain_claims (domain, client_id, domain_id, claimed_at)
select d.domain, d.client_id, d.id, d.created_at from sending_domains d
where not exists (
    select 1 from sending_domains e
    where e.client_id <> d.client_id
      and (e.created_at < d.created_at or (e.created_at = d.created_at and e.id < d.id))
      and (e.domain = d.domain or d.domain like ('%.' || e.domain) or e.domain like ('%.' || d.domain)));
update sending_domains set verified_at = null where id not in (select domain_id from sending_domain_claims);
