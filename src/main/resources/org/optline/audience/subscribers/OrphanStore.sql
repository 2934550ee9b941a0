-- Rows whose parent is gone (or is another client's): what the foreign keys dropped on PostgreSQL
-- would have refused (docs/audience.md, "Integrity without foreign keys"). Each count is an
-- anti-join against the parent's primary key; the parent must also be the child's own client's.
-- All zero when the locking and the explicit deletes hold. docs/operations.md gives the query to
-- run by hand.

-- name: count-all
select
  (select count(*) from list_memberships m
   where not exists (select 1 from subscribers s where s.id = m.subscriber_id and s.client_id = m.client_id))
    as memberships_without_subscriber,
  (select count(*) from list_memberships m
   where not exists (select 1 from lists l where l.id = m.list_id and l.client_id = m.client_id))
    as memberships_without_list,
  (select count(*) from list_memberships m
   where m.consent_event_id is not null
     and not exists (select 1 from consent_events e where e.id = m.consent_event_id and e.client_id = m.client_id))
    as memberships_without_consent_row,
  (select count(*) from subscribers s
   where not exists (select 1 from clients c where c.id = s.client_id))
    as subscribers_without_client,
  (select count(*) from consent_events e
   where e.subscriber_id is not null
     and not exists (select 1 from subscribers s where s.id = e.subscriber_id and s.client_id = e.client_id))
    as consent_without_subscriber

-- name: count-client
-- The same for one client's rows.
select
  (select count(*) from list_memberships m
   where m.client_id = :clientId
     and not exists (select 1 from subscribers s where s.id = m.subscriber_id and s.client_id = m.client_id))
    as memberships_without_subscriber,
  (select count(*) from list_memberships m
   where m.client_id = :clientId
     and not exists (select 1 from lists l where l.id = m.list_id and l.client_id = m.client_id))
    as memberships_without_list,
  (select count(*) from list_memberships m
   where m.client_id = :clientId and m.consent_event_id is not null
     and not exists (select 1 from consent_events e where e.id = m.consent_event_id and e.client_id = m.client_id))
    as memberships_without_consent_row,
  (select count(*) from subscribers s
   where s.client_id = :clientId and not exists (select 1 from clients c where c.id = s.client_id))
    as subscribers_without_client,
  (select count(*) from consent_events e
   where e.client_id = :clientId and e.subscriber_id is not null
     and not exists (select 1 from subscribers s where s.id = e.subscriber_id and s.client_id = e.client_id))
    as consent_without_subscriber
