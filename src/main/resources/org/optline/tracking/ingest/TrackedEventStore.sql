-- name: insert
insert into tracked_events (id, client_id, campaign_id, subscriber_id, kind, link, at, source, rule, provider_group)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: flush-h2
-- H2 only: write what is committed to the file before anyone is told it is stored.
checkpoint
