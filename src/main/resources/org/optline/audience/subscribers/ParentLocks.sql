-- The parent rows of subscribers, memberships and tags, locked where foreign keys would have
-- checked them (PostgreSQL) or only read (H2, which keeps its keys). See ParentLocks.

-- name: share-client
select id from clients where id = :clientId for key share

-- name: find-client
select id from clients where id = :clientId

-- name: share-list
select id from lists where client_id = :clientId and id = :listId for key share

-- name: find-list
select id from lists where client_id = :clientId and id = :listId

-- name: share-subscribers
select id from subscribers where client_id = :clientId and id = any(:ids) for key share

-- name: find-subscribers
select id from subscribers where client_id = :clientId and id = any(:ids)

-- name: lock-list-for-delete
-- Conflicts with every writer's FOR KEY SHARE of the list: taken first by a list's deletion, it
-- waits for the writers already in flight, and those that come later find no list.
select id from lists where client_id = :clientId and id = :listId for update

-- name: lock-subscriber-for-delete
-- As lock-list-for-delete, for a subscriber's erasure.
select id from subscribers where client_id = :clientId and id = :id for update
