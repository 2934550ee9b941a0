-- name: insert
insert into consent_events (client_id, subscriber_id, at, event, list_id, source_kind, source_id, ip, user_agent,
                            consent_text, detail)
values (:clientId, :subscriberId, :at, :event, :listId, :sourceKind, :sourceId, :ip, :userAgent, :consentText, :detail)

-- name: insert-import-row
-- An import's one ledger row (no subscriber; see V44). Written once: a resumed import finds it
-- (not exists here; on PostgreSQL the unique index consent_events_import_key also stops a racing
-- second writer, which then reads the first one's row).
insert into consent_events (client_id, at, event, list_id, source_kind, source_id, ip, user_agent, consent_text, detail)
select :clientId, :at, 'imported', :listId, 'import', :sourceId, :ip, null, :consentText, :detail
where not exists (select 1 from consent_events e
                  where e.client_id = :clientId and e.subscriber_id is null and e.source_id = :sourceId)
on conflict do nothing

-- name: import-row
select id from consent_events where client_id = :clientId and subscriber_id is null and source_id = :sourceId

-- name: ledger
-- The subscriber's own rows, and for each membership an import created the import's row with the
-- line that named this subscriber, shown as the per-person rows written before V44 read:
-- "line N of " + the import row's detail ("file sha256:..., attested by ..."). Oldest first.
select id, at, event, list_id, source_kind, source_id, ip, user_agent, consent_text, detail
from consent_events where client_id = :clientId and subscriber_id = :subscriberId
union all
select c.id, c.at, c.event, c.list_id, c.source_kind, c.source_id, c.ip, c.user_agent, c.consent_text,
       'line ' || cast(m.consent_line as varchar(20)) || ' of ' || c.detail
from list_memberships m join consent_events c on c.client_id = m.client_id and c.id = m.consent_event_id
where m.client_id = :clientId and m.subscriber_id = :subscriberId and m.consent_event_id is not null
order by at, id

-- name: keep-import-evidence-of-list
-- Before a list's memberships go with the list: each import link becomes the subscriber's own row,
-- with the import row's time and the same detail the ledger shows, so the ledger reads as before.
insert into consent_events (client_id, subscriber_id, at, event, list_id, source_kind, source_id, ip, user_agent,
                            consent_text, detail)
select c.client_id, m.subscriber_id, c.at, c.event, c.list_id, c.source_kind, c.source_id, c.ip, c.user_agent,
       c.consent_text, 'line ' || cast(m.consent_line as varchar(20)) || ' of ' || c.detail
from list_memberships m join consent_events c on c.client_id = m.client_id and c.id = m.consent_event_id
where m.client_id = :clientId and m.list_id = :listId and m.consent_event_id is not null

-- name: erase
-- The subscriber's own rows only: an import's row names nobody and stays; the subscriber's link to
-- it goes with their memberships.
delete from consent_events where client_id = :clientId and subscriber_id = :subscriberId

-- name: allow-erasure
-- PostgreSQL only: tells the append-only trigger that this transaction is an erasure.
select set_config('optline.erasing', 'on', true)

-- name: tombstone
insert into erasure_tombstones (client_id, email_hash, erased_at, erased_by, reason)
values (:clientId, :emailHash, :at, :erasedBy, :reason)

-- name: tombstones-of
select erased_at, erased_by, reason from erasure_tombstones
where client_id = :clientId and email_hash = :emailHash order by erased_at, id
