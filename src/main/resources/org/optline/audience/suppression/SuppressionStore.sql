-- name: insert
-- The first reason wins: a complaint recorded after an unsubscribe keeps the older row.
insert into suppressions (client_id, email_hash, email, reason, source, created_at)
values (:clientId, :emailHash, :email, :reason, :source, :at)
on conflict do nothing

-- name: suppressed-hashes
-- Client and platform-wide suppressions in one probe, for a batch of addresses.
select email_hash from suppressions where client_id = :clientId and email_hash = any(:hashes)
union
select email_hash from platform_suppressions where email_hash = any(:hashes)

-- name: first-page
select email_hash, email, reason, source, created_at from suppressions
where client_id = :clientId order by created_at desc, email_hash desc limit :limit

-- name: next-page
select email_hash, email, reason, source, created_at from suppressions
where client_id = :clientId and (created_at, email_hash) < (:createdAt, :afterHash)
order by created_at desc, email_hash desc limit :limit

-- name: forget-email
-- Erasure keeps the suppression (by hash) but not the address.
update suppressions set email = null where client_id = :clientId and email_hash = :emailHash

-- name: platform-suppressed
select count(*) from platform_suppressions where email_hash = :emailHash

-- name: client-suppression
select email_hash, email, reason, source, created_at from suppressions
where client_id = :clientId and email_hash = :emailHash

-- name: platform-suppression
select email_hash, email, reason, source, created_at from platform_suppressions where email_hash = :emailHash

-- name: client-suppression-reason
select reason from suppressions where client_id = :clientId and email_hash = :emailHash

-- name: lift
-- The owner of the address proved it (double opt-in link) and asked to be mailed again.
delete from suppressions where client_id = :clientId and email_hash = :emailHash and reason in ('unsubscribed', 'manual')

-- name: insert-platform
-- Hard bounces and complaints protect every client: the platform list is checked for all of them.
insert into platform_suppressions (email_hash, email, reason, source, created_at)
values (:emailHash, :email, :reason, :source, :at)
on conflict do nothing
