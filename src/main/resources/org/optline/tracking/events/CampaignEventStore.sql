-- name: page
-- One page of a campaign's events, oldest first, keyset on (at, id): the campaign index
-- (client_id, campaign_id, at) gives the order (on PostgreSQL per monthly partition, merged), and
-- "at >= :afterAt" lets it start at the cursor instead of reading the pages before. A click's
-- target is its campaign's stored link (an open's link is -1: no row).
select e.id, e.subscriber_id, e.kind, e.link, e.at, e.source, e.rule, l.url
from tracked_events e
left join tracked_links l on l.client_id = e.client_id and l.campaign_id = e.campaign_id and l.link = e.link
where e.client_id = :clientId and e.campaign_id = :campaignId and e.kind in (:kinds)
  and e.at >= :afterAt and (e.at > :afterAt or e.id > :afterId)
order by e.at, e.id
limit :limit

-- name: of-subscriber
-- One subscriber's events in every campaign of the client, newest first (a legal disclosure):
-- the subscriber index (client_id, subscriber_id, at).
select e.id, e.campaign_id, e.subscriber_id, e.kind, e.link, e.at, e.source, e.rule, l.url
from tracked_events e
left join tracked_links l on l.client_id = e.client_id and l.campaign_id = e.campaign_id and l.link = e.link
where e.client_id = :clientId and e.subscriber_id = :subscriberId
order by e.at desc, e.id desc
limit :limit
