-- name: insert
insert into clients (id, name, postal_address, status, time_zone, created_at, updated_at)
values (:id, :name, :postalAddress, :status, :timeZone, :createdAt, :createdAt)

-- name: insert-if-absent
-- Several nodes may create the same client (a fixed id) at once: the first insert wins.
insert into clients (id, name, postal_address, status, time_zone, created_at, updated_at)
values (:id, :name, :postalAddress, :status, :timeZone, :createdAt, :createdAt)
on conflict do nothing

-- name: find
select id, name, postal_address, status, time_zone, created_at, updated_at from clients where id = :id

-- name: first-page
-- Newest first; (created_at, id) is the keyset so pages stay stable while clients are added.
select id, name, postal_address, status, time_zone, created_at, updated_at
from clients
order by created_at desc, id desc
limit :limit

-- name: next-page
select id, name, postal_address, status, time_zone, created_at, updated_at
from clients
where (created_at, id) < (:createdAt, :id)
order by created_at desc, id desc
limit :limit

-- name: ids-with-status
select id from clients where status = :status order by id

-- name: move-status
-- Guarded by the expected status so two concurrent standing changes cannot both win.
update clients set status = :next, updated_at = :at where id = :id and status = :expected

-- name: change-details
update clients set postal_address = :postalAddress, time_zone = :timeZone, updated_at = :at where id = :id

-- name: change-time-zone
update clients set time_zone = :timeZone, updated_at = :at where id = :id
