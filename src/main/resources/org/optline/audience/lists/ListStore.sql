-- name: insert
insert into lists (id, client_id, name, description, opt_in, created_at, updated_at)
values (:id, :clientId, :name, :description, :optIn, :at, :at)

-- name: find
select id, client_id, name, description, opt_in, created_at, updated_at
from lists where client_id = :clientId and id = :id

-- name: list
select id, client_id, name, description, opt_in, created_at, updated_at
from lists where client_id = :clientId order by name, id

-- name: name-taken
select count(*) from lists where client_id = :clientId and name = :name and id <> :id

-- name: update
update lists set name = :name, description = :description, opt_in = :optIn, updated_at = :at
where client_id = :clientId and id = :id

-- name: delete
delete from lists where client_id = :clientId and id = :id

-- name: member-counts
select list_id, status, count(*) as n from list_memberships
where client_id = :clientId group by list_id, status
