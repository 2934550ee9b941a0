-- name: insert
insert into tracked_events (id, client_id, campaign_id, subscriber_id, kind, link, at, source, rule, provider_group)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
