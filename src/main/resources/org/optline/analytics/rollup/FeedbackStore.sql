-- Bounces and complaints reported by mail (DSNs, ARF reports), per campaign recipient and per
-- client day. A person counts when a statement moves one of their *_at columns from null: on
-- PostgreSQL a concurrent writer waits for the row and then finds it set, so nobody counts twice.

-- name: ensure-recipient
-- A report can name a recipient the rollups have no row for yet (the settlement is still open).
insert into campaign_recipients (campaign_id, subscriber_id, client_id) values (:campaignId, :subscriberId, :clientId)
on conflict do nothing

-- name: ensure-campaign
insert into campaign_stats (campaign_id, client_id) values (:campaignId, :clientId)
on conflict do nothing

-- name: hard-bounced
-- Only a recipient not already bounced for good (at send time or by an earlier DSN) is new.
update campaign_recipients set bounced_at = :at, bounce_status = :status
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = :subscriberId and bounced_at is null

-- name: was-soft-bounced
-- Read after hard-bounced changed the row (whose lock this transaction now holds).
select count(*) from campaign_recipients
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = :subscriberId and soft_bounced_at is not null

-- name: add-hard-bounce-to-campaign
-- A soft bounce followed by a hard one moves the person from soft to hard.
update campaign_stats set hard_bounces = hard_bounces + 1, soft_bounces = soft_bounces - :wasSoft
where client_id = :clientId and campaign_id = :campaignId

-- name: soft-bounced
-- The first soft bounce of a recipient not bounced for good; later ones change nothing.
update campaign_recipients set soft_bounced_at = :at, soft_bounce_status = :status
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = :subscriberId
    and soft_bounced_at is null and bounced_at is null

-- name: add-soft-bounce-to-campaign
update campaign_stats set soft_bounces = soft_bounces + 1 where client_id = :clientId and campaign_id = :campaignId

-- name: complained
update campaign_recipients set complained_at = :at, feedback_type = :feedbackType
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = :subscriberId and complained_at is null

-- name: add-complaint-to-campaign
update campaign_stats set complaints = complaints + 1 where client_id = :clientId and campaign_id = :campaignId

-- name: ensure-day
insert into client_day_stats (client_id, day_start) values (:clientId, :day)
on conflict do nothing

-- name: add-to-day
update client_day_stats set dsn_hard_bounces = dsn_hard_bounces + :hard, soft_bounces = soft_bounces + :soft,
    complaints = complaints + :complaints
where client_id = :clientId and day_start = :day
