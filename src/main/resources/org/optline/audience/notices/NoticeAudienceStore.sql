-- The platform's notices list. Every statement writes rows of the notices client only
-- (:clientId) and reads the other clients' subscribers, so it runs with platform rights.
-- "Eligible elsewhere" is the same predicate in each statement: an active subscriber of a client
-- not left out (the notices client itself, terminated clients), confirmed on at least one list,
-- and not on that client's suppression list.

-- name: lock-list
-- Two refreshes of the list (two versions published at once, on two nodes) take turns: each
-- marks what it keeps with its own time and removes what it did not mark, which must not meet
-- the other's uncommitted rows.
select id from lists where client_id = :clientId and id = :listId for update

-- name: add-from-clients
insert into subscribers (id, client_id, email, email_key, email_hash, status, created_at, updated_at)
select gen_random_uuid(), :clientId, e.email_key, e.email_key, e.email_hash, 'active', :at, :at
from (select distinct s.email_key, s.email_hash
      from subscribers s
      where s.status = 'active' and not (s.client_id = any(:leftOut))
        and exists (select 1 from list_memberships m where m.subscriber_id = s.id and m.status = 'confirmed')
        and not exists (select 1 from suppressions x where x.client_id = s.client_id and x.email_hash = s.email_hash)) e
where not exists (select 1 from subscribers n where n.client_id = :clientId and n.email_key = e.email_key)

-- name: add-logins
insert into subscribers (id, client_id, email, email_key, email_hash, status, created_at, updated_at)
select gen_random_uuid(), :clientId, t.k, t.k, t.h, 'active', :at, :at
from unnest(:keys, :hashes) as t(k, h)
where not exists (select 1 from subscribers n where n.client_id = :clientId and n.email_key = t.k)

-- name: join-from-clients
-- The lock marker becomes "for key share of n" on PostgreSQL, where no foreign key guards the
-- membership's subscriber: an erasure of it waits for this transaction, or has happened and the
-- row is skipped (audience.subscribers.ParentLocks). Empty on H2, whose foreign keys remain.
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at)
select :clientId, :listId, n.id, 'confirmed', :at, :at
from subscribers n
where n.client_id = :clientId
  and n.email_key in (select s.email_key
                      from subscribers s
                      where s.status = 'active' and not (s.client_id = any(:leftOut))
                        and exists (select 1 from list_memberships m where m.subscriber_id = s.id and m.status = 'confirmed')
                        and not exists (select 1 from suppressions x
                                        where x.client_id = s.client_id and x.email_hash = s.email_hash))
  and not exists (select 1 from list_memberships j where j.list_id = :listId and j.subscriber_id = n.id)
/*lock*/

-- name: join-logins
-- The lock marker as in join-from-clients.
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at)
select :clientId, :listId, n.id, 'confirmed', :at, :at
from subscribers n
where n.client_id = :clientId and n.email_key = any(:keys)
  and not exists (select 1 from list_memberships j where j.list_id = :listId and j.subscriber_id = n.id)
/*lock*/

-- name: keep-from-clients
-- Marks the memberships still deserved with this refresh's time; the ones left unmarked go.
-- The status is left as it is: an unsubscribe from the notices stays one.
update list_memberships set updated_at = :at
where client_id = :clientId and list_id = :listId
  and subscriber_id in (select n.id
                        from subscribers n
                        where n.client_id = :clientId
                          and n.email_key in (select s.email_key
                                              from subscribers s
                                              where s.status = 'active' and not (s.client_id = any(:leftOut))
                                                and exists (select 1 from list_memberships m
                                                            where m.subscriber_id = s.id and m.status = 'confirmed')
                                                and not exists (select 1 from suppressions x
                                                                where x.client_id = s.client_id and x.email_hash = s.email_hash)))

-- name: keep-logins
update list_memberships set updated_at = :at
where client_id = :clientId and list_id = :listId
  and subscriber_id in (select n.id from subscribers n where n.client_id = :clientId and n.email_key = any(:keys))

-- name: record-joined
insert into consent_events (client_id, subscriber_id, at, event, list_id, source_kind, source_id, consent_text, detail)
select :clientId, m.subscriber_id, :at, 'imported', :listId, :sourceKind, :sourceId, :consentText, :detail
from list_memberships m
where m.client_id = :clientId and m.list_id = :listId and m.created_at = :at

-- name: record-left
insert into consent_events (client_id, subscriber_id, at, event, list_id, source_kind, source_id, consent_text, detail)
select :clientId, m.subscriber_id, :at, 'corrected', :listId, :sourceKind, :sourceId, :consentText, :detail
from list_memberships m
where m.client_id = :clientId and m.list_id = :listId and m.updated_at < :at

-- name: leave
delete from list_memberships where client_id = :clientId and list_id = :listId and updated_at < :at

-- name: members
select count(*) from list_memberships where client_id = :clientId and list_id = :listId and status = 'confirmed'
