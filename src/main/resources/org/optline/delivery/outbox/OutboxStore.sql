-- name: insert
insert into outbox_messages (id, client_id, campaign_id, on_behalf_of, kind, envelope_from, recipient, subject, raw, created_at)
values (:id, :clientId, :campaignId, :onBehalfOf, :kind, :envelopeFrom, :recipient, :subject, :raw, :at)

-- name: find
select * from outbox_messages where id = :id and client_id is not distinct from :clientId

-- name: first-page
select * from outbox_messages where client_id is not distinct from :clientId
order by created_at desc, id desc limit :limit

-- name: next-page
select * from outbox_messages where client_id is not distinct from :clientId
  and (created_at, id) < (:createdAt, :afterId)
order by created_at desc, id desc limit :limit

-- name: forget-recipient
-- Erasure of a subscriber: the client's captured mail to the address, and platform-held
-- confirmation mail sent on this client's behalf (never another client's).
delete from outbox_messages
where lower(recipient) = :recipient and (client_id = :clientId or (client_id is null and on_behalf_of = :clientId))
