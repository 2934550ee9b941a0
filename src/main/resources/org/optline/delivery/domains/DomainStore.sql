-- name: insert
insert into sending_domains (id, client_id, domain, selector, private_key, public_key, created_at)
values (:id, :clientId, :domain, :selector, :privateKey, :publicKey, :at)

-- name: take-claims-turn
-- Claims take turns (the single row's lock lasts the claiming transaction), so that two clients
-- claiming example.com and mail.example.com at once cannot both pass the overlap check.
update sending_domain_claim_turns set claims = claims + 1 where id = 1

-- name: claimed-by-others
-- Another client's claim on this name, a name above it or a name below it (the platform scope:
-- row-level security hides other clients' claims). Names hold only a-z 0-9 . -, no LIKE wildcards.
select count(*) from sending_domain_claims
where client_id <> :clientId and (domain = :domain or :domain like ('%.' || domain) or domain like :below)

-- name: claim
insert into sending_domain_claims (domain, client_id, domain_id, claimed_at) values (:domain, :clientId, :domainId, :at)

-- name: find
select d.id, d.client_id, d.domain, d.selector, d.public_key, d.created_at, d.verified_at, d.checked_at, d.dkim_check,
       d.spf_check, d.dmarc_check, c.domain_id is not null as claimed
from sending_domains d left join sending_domain_claims c on c.domain_id = d.id
where d.client_id = :clientId and d.id = :id

-- name: list
select d.id, d.client_id, d.domain, d.selector, d.public_key, d.created_at, d.verified_at, d.checked_at, d.dkim_check,
       d.spf_check, d.dmarc_check, c.domain_id is not null as claimed
from sending_domains d left join sending_domain_claims c on c.domain_id = d.id
where d.client_id = :clientId order by d.domain

-- name: taken
select count(*) from sending_domains where client_id = :clientId and domain = :domain

-- name: standing
-- Whether the client holds the claim on its From domain, and since when it is verified.
select d.verified_at from sending_domains d join sending_domain_claims c on c.domain_id = d.id
where d.client_id = :clientId and d.domain = :domain

-- name: record-check
-- A matching DKIM record verifies the domain (from the first check that found it); a missing or
-- different one withdraws it; no answer leaves it as it was.
update sending_domains set checked_at = :at, dkim_check = :dkim, spf_check = :spf, dmarc_check = :dmarc,
       verified_at = case when :dkim = 'published' then coalesce(verified_at, :at) when :dkim = 'unanswered' then verified_at
                          else null end
where client_id = :clientId and id = :id

-- name: signing-key
-- Only the delivery engine reads the private key, and only to sign; only a claimed domain signs.
select d.id, d.selector, d.private_key from sending_domains d join sending_domain_claims c on c.domain_id = d.id
where d.client_id = :clientId and d.domain = :domain

-- name: plain-keys
-- Keys stored in the clear, before keys were sealed (every client's: the platform scope).
select id, private_key from sending_domains where private_key not like 'sealed:%'

-- name: seal-key
update sending_domains set private_key = :sealed where id = :id and private_key = :plain

-- name: release-claim
-- The claim goes first (it refers to the domain's row); another client may then add the name.
delete from sending_domain_claims where client_id = :clientId and domain_id = :id

-- name: delete
delete from sending_domains where client_id = :clientId and id = :id
