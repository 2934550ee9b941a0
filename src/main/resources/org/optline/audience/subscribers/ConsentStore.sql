-- name: insert
insert into consent_events (client_id, subscriber_id, at, event, list_id, source_kind, source_id, ip, user_agent,
                            consent_text, detail)
values (:clientId, :subscriberId, :at, :event, :listId, :sourceKind, :sourceId, :ip, :userAgent, :consentText, :detail)

-- name: insert-many
-- One statement for many subscribers sharing everything but the detail (an import's batch).
insert into consent_events (client_id, subscriber_id, at, event, list_id, source_kind, source_id, ip, user_agent,
                            consent_text, detail)
select :clientId, t.id, :at, :event, :listId, :sourceKind, :sourceId, :ip, :userAgent, :consentText, t.detail
from unnest(:ids, :details) as t(id, detail)

-- name: ledger
select id, at, event, list_id, source_kind, source_id, ip, user_agent, consent_text, detail
from consent_events where client_id = :clientId and subscriber_id = :subscriberId order by id

-- name: erase
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
