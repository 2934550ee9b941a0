-- name: insert
insert into segments (id, client_id, name, expression, created_at, updated_at)
values (:id, :clientId, :name, :expression, :at, :at)

-- name: find
select * from segments where client_id = :clientId and id = :id

-- name: list
select * from segments where client_id = :clientId order by name, id

-- name: name-taken
select count(*) from segments where client_id = :clientId and name = :name and id <> :id

-- name: update
update segments set name = :name, expression = :expression, updated_at = :at where client_id = :clientId and id = :id

-- name: delete
delete from segments where client_id = :clientId and id = :id

-- name: count-matching
-- Followed by the compiled segment's predicate, which pins the client.
select count(*) from subscribers s where

-- name: sample-matching
-- Followed by the compiled segment's predicate, then sample-order.
select s.id, s.email, s.name, s.status from subscribers s where

-- name: sample-order
-- The newest first.
order by s.created_at desc, s.id desc limit :sampleLimit
