-- name: recent
-- The newest messages, all states or one; the raw bytes stay out of the list.
select id, received_at, mail_from, recipients, state, attempts, result_kind, result_action, last_error
from inbound_messages
where (cast(:state as varchar(15)) is null or state = :state)
order by received_at desc, id desc
limit :limit

-- name: counts
select state, count(*) as n from inbound_messages group by state

-- name: detail
select id, received_at, remote_address, mail_from, recipients, size_bytes, raw, state, attempts,
       next_attempt_at, last_error, result_kind, result_recipient, result_status, result_action,
       client_id, processed_at
from inbound_messages where id = :id

-- name: retry
-- An unprocessable message goes back to the workers with its attempts counted afresh.
update inbound_messages
set state = 'received', attempts = 0, next_attempt_at = :now, lease_token = null
where id = :id and state = 'unprocessable'
