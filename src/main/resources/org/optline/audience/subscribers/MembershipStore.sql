-- name: memberships-of
select m.list_id, l.name, m.status, m.updated_at
from list_memberships m join lists l on l.id = m.list_id and l.client_id = m.client_id
where m.client_id = :clientId and m.subscriber_id = :id order by l.name

-- name: membership-status
select status from list_memberships where client_id = :clientId and list_id = :listId and subscriber_id = :id

-- name: insert-membership
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at)
values (:clientId, :listId, :id, :status, :at, :at)

-- name: insert-memberships
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at)
select :clientId, :listId, t.id, :status, :at, :at from unnest(:ids) as t(id)

-- name: insert-imported
-- An import's new members: each points at the import's ledger row and names its line of the file.
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at, consent_event_id,
                              consent_line)
select :clientId, :listId, t.id, :status, :at, :at, :consentEventId, t.line from unnest(:ids, :lines) as t(id, line)

-- name: set-membership
update list_memberships set status = :status, updated_at = :at
where client_id = :clientId and list_id = :listId and subscriber_id = :id

-- name: unsubscribe-all-memberships
update list_memberships set status = 'unsubscribed', updated_at = :at
where client_id = :clientId and subscriber_id = :id and status <> 'unsubscribed'

-- name: memberships-in-list
select subscriber_id, status from list_memberships
where client_id = :clientId and list_id = :listId and subscriber_id = any(:ids)

-- name: delete-of-subscriber
-- An erasure's: on PostgreSQL no foreign key cascades from the subscriber to its memberships.
delete from list_memberships where client_id = :clientId and subscriber_id = :id

-- name: delete-of-list
-- A list's deletion: on PostgreSQL no foreign key cascades from the list to its memberships.
delete from list_memberships where client_id = :clientId and list_id = :listId
