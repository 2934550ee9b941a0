-- name: insert-campaign
-- The first batch of a campaign, on any node, claims the table; the others find it taken.
insert into tracked_campaigns (campaign_id, client_id, created_at) values (:campaignId, :clientId, :at)
on conflict do nothing

-- name: insert-link
insert into tracked_links (campaign_id, client_id, link, url) values (:campaignId, :clientId, :link, :url)

-- name: links
select url from tracked_links where client_id = :clientId and campaign_id = :campaignId order by link

-- name: campaign
-- The redirect knows only the campaign from its signed token; the owner comes from here.
select client_id from tracked_campaigns where campaign_id = :campaignId
