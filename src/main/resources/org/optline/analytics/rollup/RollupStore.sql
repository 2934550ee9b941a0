-- name: ensure-campaign
insert into campaign_stats (campaign_id, client_id) values (:campaignId, :clientId)
on conflict do nothing

-- name: add-to-campaign
update campaign_stats set opens = opens + :opens, unique_opens = unique_opens + :uniqueOpens,
    clicks = clicks + :clicks, unique_clicks = unique_clicks + :uniqueClicks,
    machine_opens = machine_opens + :machineOpens, machine_clicks = machine_clicks + :machineClicks,
    last_event_at = greatest(coalesce(last_event_at, :at), :at)
where client_id = :clientId and campaign_id = :campaignId

-- name: ensure-link
insert into campaign_link_stats (campaign_id, link, client_id) values (:campaignId, :link, :clientId)
on conflict do nothing

-- name: add-to-link
update campaign_link_stats set clicks = clicks + :clicks, unique_clicks = unique_clicks + :uniqueClicks,
    machine_clicks = machine_clicks + :machineClicks
where client_id = :clientId and campaign_id = :campaignId and link = :link

-- name: ensure-hour
insert into campaign_hour_stats (campaign_id, hour_start, client_id) values (:campaignId, :hour, :clientId)
on conflict do nothing

-- name: add-to-hour
update campaign_hour_stats set opens = opens + :opens, unique_opens = unique_opens + :uniqueOpens,
    clicks = clicks + :clicks, unique_clicks = unique_clicks + :uniqueClicks
where client_id = :clientId and campaign_id = :campaignId and hour_start = :hour

-- name: ensure-provider
insert into campaign_provider_stats (campaign_id, provider_group, client_id) values (:campaignId, :provider, :clientId)
on conflict do nothing

-- name: add-to-provider
update campaign_provider_stats set opens = opens + :opens, unique_opens = unique_opens + :uniqueOpens,
    clicks = clicks + :clicks, unique_clicks = unique_clicks + :uniqueClicks,
    machine_opens = machine_opens + :machineOpens, machine_clicks = machine_clicks + :machineClicks
where client_id = :clientId and campaign_id = :campaignId and provider_group = :provider

-- name: ensure-recipient
insert into campaign_recipients (campaign_id, subscriber_id, client_id) values (:campaignId, :subscriberId, :clientId)
on conflict do nothing

-- name: first-open
-- Only the transaction that moves first_open_at from null counts the person as a unique opener:
-- on PostgreSQL a concurrent one waits for the row and then finds it set.
update campaign_recipients set first_open_at = :at
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = :subscriberId and first_open_at is null

-- name: first-click
update campaign_recipients set first_click_at = :at
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = :subscriberId and first_click_at is null

-- name: add-to-recipient
update campaign_recipients set opens = opens + :opens, clicks = clicks + :clicks,
    last_open_at = case when :opens > 0 then greatest(coalesce(last_open_at, :lastOpen), :lastOpen) else last_open_at end,
    last_click_at = case when :clicks > 0 then greatest(coalesce(last_click_at, :lastClick), :lastClick) else last_click_at end
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = :subscriberId

-- name: mark-clicker
insert into campaign_link_clickers (campaign_id, link, subscriber_id, client_id)
values (:campaignId, :link, :subscriberId, :clientId)
on conflict do nothing

-- name: count-clicker
update campaign_link_clickers set counted = true
where client_id = :clientId and campaign_id = :campaignId and link = :link and subscriber_id = :subscriberId and not counted

-- name: ensure-engagement
insert into subscriber_engagement (client_id, subscriber_id) values (:clientId, :subscriberId)
on conflict do nothing

-- name: engaged
update subscriber_engagement set
    last_open_at = case when :opened then greatest(coalesce(last_open_at, :lastOpen), :lastOpen) else last_open_at end,
    last_click_at = case when :clicked then greatest(coalesce(last_click_at, :lastClick), :lastClick) else last_click_at end
where client_id = :clientId and subscriber_id = :subscriberId

-- name: mark-sent
-- Set-based for a whole settled batch; a batch settled again after a lost answer changes nothing.
update campaign_recipients set sent_at = :at
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = any(:ids) and sent_at is null

-- name: insert-sent
insert into campaign_recipients (campaign_id, subscriber_id, client_id, sent_at)
select :campaignId, u.id, :clientId, :at from unnest(cast(:ids as uuid array)) as u(id)
where not exists (select 1 from campaign_recipients r where r.campaign_id = :campaignId and r.subscriber_id = u.id)

-- name: mark-bounced
update campaign_recipients set bounced_at = :at
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = any(:ids) and bounced_at is null

-- name: insert-bounced
insert into campaign_recipients (campaign_id, subscriber_id, client_id, bounced_at)
select :campaignId, u.id, :clientId, :at from unnest(cast(:ids as uuid array)) as u(id)
where not exists (select 1 from campaign_recipients r where r.campaign_id = :campaignId and r.subscriber_id = u.id)

-- name: add-sending-to-campaign
update campaign_stats set hard_bounces = hard_bounces + :bounced, first_sent_at = coalesce(first_sent_at, :at)
where client_id = :clientId and campaign_id = :campaignId

-- name: ensure-day
insert into client_day_stats (client_id, day_start) values (:clientId, :day)
on conflict do nothing

-- name: add-to-day
update client_day_stats set sent = sent + :sent, hard_bounces = hard_bounces + :bounced, unsubscribes = unsubscribes + :unsubscribes
where client_id = :clientId and day_start = :day

-- name: last-campaign-of
-- The campaign an unsubscribe is put down to: the last one sent to the person in the window.
select campaign_id from campaign_recipients
where client_id = :clientId and subscriber_id = :subscriberId and sent_at >= :since and unsubscribed_at is null
order by sent_at desc limit 1

-- name: mark-unsubscribed
update campaign_recipients set unsubscribed_at = :at
where client_id = :clientId and campaign_id = :campaignId and subscriber_id = :subscriberId and unsubscribed_at is null

-- name: add-unsubscribe-to-campaign
update campaign_stats set unsubscribes = unsubscribes + 1 where client_id = :clientId and campaign_id = :campaignId

-- The forms below are PostgreSQL's: one set-based statement over arrays (unnest) where H2 takes
-- a JDBC batch of the statements above, a few hundred executions a group.

-- name: pg-ensure-recipients
insert into campaign_recipients (campaign_id, subscriber_id, client_id)
select u.c, u.s, u.cl from unnest(cast(:campaigns as uuid[]), cast(:subscribers as uuid[]), cast(:clients as uuid[])) as u(c, s, cl)
on conflict do nothing

-- name: pg-first-opens
-- Only rows moved from null come back: the people this group counts as unique openers.
update campaign_recipients r set first_open_at = u.at
from unnest(cast(:campaigns as uuid[]), cast(:subscribers as uuid[]), cast(:clients as uuid[]),
            cast(cast(:ats as text[]) as timestamptz[])) as u(c, s, cl, at)
where r.campaign_id = u.c and r.subscriber_id = u.s and r.client_id = u.cl and r.first_open_at is null
returning r.client_id, r.campaign_id, r.subscriber_id

-- name: pg-first-clicks
update campaign_recipients r set first_click_at = u.at
from unnest(cast(:campaigns as uuid[]), cast(:subscribers as uuid[]), cast(:clients as uuid[]),
            cast(cast(:ats as text[]) as timestamptz[])) as u(c, s, cl, at)
where r.campaign_id = u.c and r.subscriber_id = u.s and r.client_id = u.cl and r.first_click_at is null
returning r.client_id, r.campaign_id, r.subscriber_id

-- name: pg-add-to-recipients
update campaign_recipients r set opens = r.opens + u.opens, clicks = r.clicks + u.clicks,
    last_open_at = case when u.opens > 0 then greatest(coalesce(r.last_open_at, u.lo), u.lo) else r.last_open_at end,
    last_click_at = case when u.clicks > 0 then greatest(coalesce(r.last_click_at, u.lc), u.lc) else r.last_click_at end
from unnest(cast(:campaigns as uuid[]), cast(:subscribers as uuid[]), cast(:clients as uuid[]), cast(:opens as int[]),
            cast(:clicks as int[]), cast(cast(:lastOpens as text[]) as timestamptz[]),
            cast(cast(:lastClicks as text[]) as timestamptz[])) as u(c, s, cl, opens, clicks, lo, lc)
where r.campaign_id = u.c and r.subscriber_id = u.s and r.client_id = u.cl

-- name: pg-mark-clickers
-- Returns the rows it inserted: who clicked that link for the first time.
insert into campaign_link_clickers (campaign_id, link, subscriber_id, client_id, counted)
select u.c, u.l, u.s, u.cl, true
from unnest(cast(:campaigns as uuid[]), cast(:links as int[]), cast(:subscribers as uuid[]), cast(:clients as uuid[])) as u(c, l, s, cl)
on conflict do nothing
returning client_id, campaign_id, link, subscriber_id

-- name: pg-engaged
insert into subscriber_engagement as e (client_id, subscriber_id, last_open_at, last_click_at)
select u.cl, u.s, u.lo, u.lc
from unnest(cast(:clients as uuid[]), cast(:subscribers as uuid[]), cast(cast(:lastOpens as text[]) as timestamptz[]),
            cast(cast(:lastClicks as text[]) as timestamptz[])) as u(cl, s, lo, lc)
on conflict (client_id, subscriber_id) do update set
    last_open_at = greatest(e.last_open_at, excluded.last_open_at),
    last_click_at = greatest(e.last_click_at, excluded.last_click_at)
