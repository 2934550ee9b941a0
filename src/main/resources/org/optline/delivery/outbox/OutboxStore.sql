-- name: insert
insert into outbox_messages (id, client_id, campaign_id, kind, envelope_from, recipient, subject, raw, created_at)
values (:id, :clientId, :campaignId, :kind, :envelopeFrom, :recipient, :subject, :raw, :at)

-- name: find
select * from outbox_messages where id = :id and client_id is not distinct from :clientId

-- name: first-page
select * from outbox_messages where client_id is not distinct from :clientId
order by created_at desc, id desc limit :limit

-- name: next-page
select * from outbox_messages where client_id is not distinct from :clientId
  and (created_at, id) < (:createdAt, :afterId)
order by created_at desc, id desc limit :limit
