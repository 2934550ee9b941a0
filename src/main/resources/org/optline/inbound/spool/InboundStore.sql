-- name: insert
-- A message delivered twice (the same recipients and bytes) is kept once: the second insert does nothing.
insert into inbound_messages (id, sha256, dedupe_key, received_at, remote_address, mail_from, recipients, size_bytes, raw, state,
                              attempts, next_attempt_at, lease_token)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', 0, ?, ?)
on conflict do nothing

-- name: insert-postgresql
-- The whole group in one statement (one array a column), answering the rows it inserted: a message
-- delivered twice (the same recipients and bytes) is kept once, and is not among them.
insert into inbound_messages (id, sha256, dedupe_key, received_at, remote_address, mail_from, recipients, size_bytes, raw, state,
                              attempts, next_attempt_at, lease_token)
select m.id, m.sha256, m.dedupe_key, m.received_at, m.remote_address, m.mail_from, m.recipients, m.size_bytes, m.raw, 'received',
       0, m.next_attempt_at, ?::uuid
from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::text[], ?::int[], ?::bytea[],
            ?::timestamptz[])
         as m(id, sha256, dedupe_key, received_at, remote_address, mail_from, recipients, size_bytes, raw, next_attempt_at)
on conflict do nothing
returning id, dedupe_key

-- name: ids-by-dedupe-key
select id, dedupe_key from inbound_messages where dedupe_key in (:keys)

-- name: flush-h2
-- H2 only: write what is committed to the file before the sender is told it is stored.
checkpoint

-- name: claim-postgresql
-- Due received rows no other worker is taking; SKIP LOCKED so that workers and nodes take
-- disjoint batches without waiting. The claim moves next_attempt_at to the lease's end.
with picked as (
    select id from inbound_messages
    where state = 'received' and next_attempt_at <= :now
    order by next_attempt_at limit :limit
    for update skip locked)
update inbound_messages m set lease_token = :token, next_attempt_at = :leaseUntil
from picked where m.id = picked.id
returning m.id

-- name: claim-h2
-- H2 runs one node; repeating the conditions in the outer WHERE keeps two workers from sharing rows.
update inbound_messages set lease_token = :token, next_attempt_at = :leaseUntil
where state = 'received' and next_attempt_at <= :now and id in (
    select id from inbound_messages
    where state = 'received' and next_attempt_at <= :now
    order by next_attempt_at fetch first :limit rows only)

-- name: claimed
select id from inbound_messages where lease_token = :token and state = 'received'

-- name: claim-one
-- One message for the raw API: unless a worker holds it now (a lease not yet lapsed), it may be
-- taken at once, also while it waits for its next attempt.
update inbound_messages set lease_token = :token, next_attempt_at = :leaseUntil
where id = :id and state = 'received' and (lease_token is null or next_attempt_at <= :now)

-- name: load
select id, received_at, mail_from, recipients, raw, attempts from inbound_messages
where id = :id and lease_token = :token and state = 'received'

-- name: commit-without-waiting-postgresql
-- This transaction only: its commit does not wait for the WAL flush (see InboundStore.markProcessed).
select set_config('synchronous_commit', 'off', true)

-- name: mark-processed
-- In the transaction that recorded the message's effects; only while this claim holds the row.
update inbound_messages
set state = 'processed', lease_token = null, client_id = :clientId, result_kind = :kind,
    result_recipient = :recipient, result_status = :status, result_action = :action, processed_at = :now
where id = :id and lease_token = :token and state = 'received'

-- name: fail
-- A failed attempt: tried again after the backoff, or set aside for good after the last attempt.
update inbound_messages
set attempts = attempts + 1, lease_token = null, last_error = :error, next_attempt_at = :nextAttemptAt,
    state = case when attempts + 1 >= :maxAttempts then 'unprocessable' else 'received' end,
    processed_at = case when attempts + 1 >= :maxAttempts then :now end,
    result_kind = case when attempts + 1 >= :maxAttempts then :kind end,
    result_recipient = case when attempts + 1 >= :maxAttempts then :recipient end,
    result_status = case when attempts + 1 >= :maxAttempts then :status end,
    result_action = case when attempts + 1 >= :maxAttempts then :action end
where id = :id and lease_token = :token and state = 'received'

-- name: find
select id, sha256, received_at, state, attempts, next_attempt_at, lease_token, last_error, result_kind,
       result_recipient, result_status, result_action, client_id, processed_at
from inbound_messages where id = :id
