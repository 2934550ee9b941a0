-- name: campaign
select opens, unique_opens, clicks, unique_clicks, machine_opens, machine_clicks, unsubscribes, hard_bounces,
    soft_bounces, complaints, first_sent_at, last_event_at
from campaign_stats where client_id = :clientId and campaign_id = :campaignId

-- name: campaigns
-- The dashboard's last campaigns, one probe each by primary key.
select campaign_id, opens, unique_opens, clicks, unique_clicks, machine_opens, machine_clicks, unsubscribes, hard_bounces,
    soft_bounces, complaints, first_sent_at, last_event_at
from campaign_stats where client_id = :clientId and campaign_id = any(:ids)

-- name: links
select link, clicks, unique_clicks, machine_clicks from campaign_link_stats
where client_id = :clientId and campaign_id = :campaignId order by link

-- name: hours
select hour_start, opens, unique_opens, clicks, unique_clicks from campaign_hour_stats
where client_id = :clientId and campaign_id = :campaignId order by hour_start

-- name: providers
select provider_group, opens, unique_opens, clicks, unique_clicks, machine_opens, machine_clicks
from campaign_provider_stats where client_id = :clientId and campaign_id = :campaignId order by provider_group

-- name: days
select day_start, sent, hard_bounces, unsubscribes, dsn_hard_bounces, soft_bounces, complaints from client_day_stats
where client_id = :clientId and day_start >= :from order by day_start

-- name: activity
-- A subscriber's campaigns, newest first (campaign_recipients_subscriber_idx).
select campaign_id, sent_at, bounced_at, first_open_at, last_open_at, opens, first_click_at, last_click_at, clicks,
    unsubscribed_at, bounce_status, soft_bounced_at, soft_bounce_status, complained_at, feedback_type
from campaign_recipients where client_id = :clientId and subscriber_id = :subscriberId
order by sent_at desc nulls last limit :limit

-- name: recipients-page
-- Keyset by subscriber id within the campaign's primary key.
select subscriber_id, sent_at, bounced_at, first_open_at, last_open_at, opens, first_click_at, last_click_at, clicks,
    unsubscribed_at, bounce_status, soft_bounced_at, soft_bounce_status, complained_at, feedback_type
from campaign_recipients where client_id = :clientId and campaign_id = :campaignId and subscriber_id > :after
order by subscriber_id limit :limit
