-- The compliance module's standing counters (V37). Counts are added by one update per event or
-- settled batch, after an insert that makes sure the row exists: on PostgreSQL two writers of the
-- same row queue on its lock and both additions land.

-- name: ensure-day
insert into standing_days (client_id, day_start) values (:clientId, :day)
on conflict do nothing

-- name: add-to-day
update standing_days set sent = sent + :sent, hard_bounces = hard_bounces + :hard, unknown_users = unknown_users + :unknown,
    complaints = complaints + :complaints, unsubscribes = unsubscribes + :unsubscribes
where client_id = :clientId and day_start = :day

-- name: ensure-campaign
insert into standing_campaigns (client_id, campaign_id, updated_at) values (:clientId, :campaignId, :at)
on conflict do nothing

-- name: add-to-campaign
update standing_campaigns set sent = sent + :sent, hard_bounces = hard_bounces + :hard,
    unknown_users = unknown_users + :unknown, complaints = complaints + :complaints, updated_at = :at
where client_id = :clientId and campaign_id = :campaignId

-- name: window
-- At most 30 rows of the primary key's range: this is what keeps a page view cheap.
select coalesce(sum(sent), 0) as sent, coalesce(sum(hard_bounces), 0) as hard_bounces,
    coalesce(sum(unknown_users), 0) as unknown_users, coalesce(sum(complaints), 0) as complaints,
    coalesce(sum(unsubscribes), 0) as unsubscribes
from standing_days where client_id = :clientId and day_start >= :since

-- name: campaigns
select campaign_id, sent, hard_bounces, unknown_users, complaints, level from standing_campaigns
where client_id = :clientId order by updated_at desc, campaign_id limit :limit

-- name: campaign
select campaign_id, sent, hard_bounces, unknown_users, complaints, level from standing_campaigns
where client_id = :clientId and campaign_id = :campaignId

-- name: move-campaign-level
-- Guarded by the level read: of two nodes judging the same campaign, one moves it and acts.
update standing_campaigns set level = :next where client_id = :clientId and campaign_id = :campaignId and level = :expected

-- name: ensure-level
insert into standing_levels (client_id, level, changed_at) values (:clientId, 'ok', :at)
on conflict do nothing

-- name: level
select level from standing_levels where client_id = :clientId

-- name: move-level
update standing_levels set level = :next, changed_at = :at where client_id = :clientId and level = :expected

-- name: clients-to-check
-- The clients the periodic monitor looks at: any with figures in the window, and any whose last
-- level was not ok (so it can also come back down). Read with platform rights.
select client_id from standing_days where day_start >= :since
union
select client_id from standing_levels where level <> 'ok'

-- name: campaigns-to-check
-- Campaigns with figures since :since that have not been stopped yet.
select campaign_id from standing_campaigns where client_id = :clientId and updated_at >= :since and level <> 'pause'

-- name: watch-unsubscribe
-- The first time a person left is the one that counts; leaving again changes nothing.
insert into standing_unsubscribes (client_id, subscriber_id, unsubscribed_at, source)
values (:clientId, :subscriberId, :at, :source)
on conflict do nothing

-- name: forget-unsubscribes
-- People who joined a list again may be mailed again: they are no longer watched.
delete from standing_unsubscribes where client_id = :clientId and subscriber_id = any(:subscriberIds)

-- name: reached-after-leaving
-- One probe of the primary key per recipient of a settled batch.
select subscriber_id, unsubscribed_at from standing_unsubscribes
where client_id = :clientId and subscriber_id = any(:subscriberIds) and unsubscribed_at < :at

-- name: count-late-send
update standing_unsubscribes set late_sends = late_sends + 1, last_late_send_at = :at
where client_id = :clientId and subscriber_id = any(:subscriberIds) and unsubscribed_at < :at

-- name: latency
select count(*) as unsubscribes,
    coalesce(sum(case when late_sends > 0 then 1 else 0 end), 0) as reached_late,
    coalesce(sum(late_sends), 0) as late_sends,
    max(last_late_send_at) as last_late_send_at
from standing_unsubscribes where client_id = :clientId and unsubscribed_at >= :since

-- name: late-spans
-- The seconds between leaving and the last message that reached the person, computed in Java
-- (interval arithmetic differs between H2 and PostgreSQL); only rows with a late send.
select unsubscribed_at, last_late_send_at from standing_unsubscribes
where client_id = :clientId and unsubscribed_at >= :since and last_late_send_at is not null

-- name: raise-alert
insert into standing_alerts (id, client_id, campaign_id, kind, level, detail, raised_at, dedupe_key)
values (:id, :clientId, :campaignId, :kind, :level, :detail, :at, :dedupeKey)
on conflict do nothing

-- name: alerts
-- The operator's list, newest first, read with platform rights.
select id, client_id, campaign_id, kind, level, detail, raised_at from standing_alerts
order by raised_at desc, id desc limit :limit

-- name: client-alerts
select id, client_id, campaign_id, kind, level, detail, raised_at from standing_alerts
where client_id = :clientId order by raised_at desc, id desc limit :limit
