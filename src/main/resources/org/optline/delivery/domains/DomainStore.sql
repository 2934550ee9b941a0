-- name: insert
insert into sending_domains (id, client_id, domain, selector, private_key, public_key, created_at)
values (:id, :clientId, :domain, :selector, :privateKey, :publicKey, :at)

-- name: find
select id, client_id, domain, selector, public_key, created_at, verified_at from sending_domains
where client_id = :clientId and id = :id

-- name: list
select id, client_id, domain, selector, public_key, created_at, verified_at from sending_domains
where client_id = :clientId order by domain

-- name: taken
select count(*) from sending_domains where client_id = :clientId and domain = :domain

-- name: signing-key
-- Only the delivery engine reads the private key, and only to sign.
select id, selector, private_key from sending_domains where client_id = :clientId and domain = :domain

-- name: plain-keys
-- Keys stored in the clear, before keys were sealed (every client's: the platform scope).
select id, private_key from sending_domains where private_key not like 'sealed:%'

-- name: seal-key
update sending_domains set private_key = :sealed where id = :id and private_key = :plain
