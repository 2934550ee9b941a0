-- name: insert
insert into api_keys (id, client_id, name, prefix, secret_hash, role, created_by, created_at)
values (:id, :clientId, :name, :prefix, :secretHash, :role, :createdBy, :createdAt)

-- name: find
select id, client_id, name, prefix, role, created_by, created_at, last_used_at, revoked_at
from api_keys where id = :id and client_id is not distinct from :clientId

-- name: list
select id, client_id, name, prefix, role, created_by, created_at, last_used_at, revoked_at
from api_keys where client_id is not distinct from :clientId
order by created_at desc, id desc

-- name: revoke
update api_keys set revoked_at = :at
where id = :id and client_id is not distinct from :clientId and revoked_at is null

-- name: by-secret-hash
-- The unique index on secret_hash makes this one probe. The client's status comes along so a
-- terminated client's keys stop working without a second query.
select k.id, k.client_id, k.name, k.prefix, k.role, k.revoked_at, k.last_used_at, c.status as client_status
from api_keys k left join clients c on c.id = k.client_id
where k.secret_hash = :secretHash

-- name: touch
-- last_used_at is written at most once a minute per key: a write per API call would cost more
-- than the call.
update api_keys set last_used_at = :at
where id = :id and (last_used_at is null or last_used_at < :staleBefore)

-- name: exists-by-hash
select count(*) from api_keys where secret_hash = :secretHash
