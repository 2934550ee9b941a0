-- name: insert
-- One statement for a group of events. The join drops rows for an endpoint deleted since the
-- writer's cache looked (the outbox has no foreign key, so such a write never fails the send or
-- the hit that caused it).
insert into webhook_outbox (id, client_id, endpoint_id, event_type, body, attempts, created_at, next_attempt_at)
select t.id, :clientId, t.endpoint_id, :type, t.body, 0, :now, :now
from unnest(:ids, :endpointIds, :bodies) as t(id, endpoint_id, body)
join webhook_endpoints e on e.id = t.endpoint_id and e.client_id = :clientId

-- name: due-postgresql
-- SKIP LOCKED: nodes claiming at the same time take different rows without waiting.
select id from webhook_outbox where next_attempt_at <= :now order by next_attempt_at limit :limit for update skip locked

-- name: due-h2
select id from webhook_outbox where next_attempt_at <= :now order by next_attempt_at limit :limit for update

-- name: lease
update webhook_outbox set lease_token = :token, next_attempt_at = :leaseUntil where id = any(:ids)

-- name: leased
select o.id, o.client_id, o.endpoint_id, o.event_type, o.body, o.attempts, o.created_at, e.url, e.secret
from webhook_outbox o
left join webhook_endpoints e on e.id = o.endpoint_id and e.client_id = o.client_id
where o.id = any(:ids) and o.lease_token = :token

-- name: remove
delete from webhook_outbox where id = :id and lease_token = :token

-- name: retry
update webhook_outbox set attempts = :attempts, next_attempt_at = :next, lease_token = null
where id = :id and lease_token = :token

-- name: log
insert into webhook_deliveries (id, client_id, endpoint_id, message_id, event_type, attempt, at, status_code, response_ms,
                                error, outcome)
values (:id, :clientId, :endpointId, :messageId, :type, :attempt, :at, :status, :ms, :error, :outcome)

-- name: deliveries-first
select id, message_id, event_type, attempt, at, status_code, response_ms, error, outcome from webhook_deliveries
where client_id = :clientId and endpoint_id = :endpointId
order by at desc, id desc limit :limit

-- name: deliveries-next
select id, message_id, event_type, attempt, at, status_code, response_ms, error, outcome from webhook_deliveries
where client_id = :clientId and endpoint_id = :endpointId and (at, id) < (:at, :id)
order by at desc, id desc limit :limit

-- name: waiting
select count(*) from webhook_outbox where client_id = :clientId and endpoint_id = :endpointId

-- name: forget-address
-- An erasure: a scan of the client's waiting events, which are few (delivered ones are deleted).
delete from webhook_outbox where client_id = :clientId and lower(body) like lower(:pattern) escape '!'

-- name: prune-log
delete from webhook_deliveries where at < :before
