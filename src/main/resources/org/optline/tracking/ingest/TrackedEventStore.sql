-- name: insert
insert into tracked_events (id, client_id, campaign_id, subscriber_id, kind, link, at, source, rule, provider_group)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: insert-pending
insert into tracked_events_pending (id, client_id, campaign_id, subscriber_id, kind, link, at, source, rule, provider_group)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: take-pending-pg
-- The oldest waiting events no other node is taking, removed and answered in one statement.
delete from tracked_events_pending
where seq = any(array(select seq from tracked_events_pending order by seq limit :limit for update skip locked))
returning id, client_id, campaign_id, subscriber_id, kind, link, at, source, rule, provider_group

-- name: take-pending-h2
-- H2 (one node) answers the deleted rows through a data change delta table.
select id, client_id, campaign_id, subscriber_id, kind, link, at, source, rule, provider_group
from old table (delete from tracked_events_pending
                where seq in (select seq from tracked_events_pending order by seq fetch first :limit rows only))

-- name: flush-h2
-- H2 only: write what is committed to the file before anyone is told it is stored.
checkpoint
