-- name: insert
insert into outbox_messages (id, client_id, campaign_id, on_behalf_of, kind, envelope_from, recipient, subject, raw, created_at)
values (:id, :clientId, :campaignId, :onBehalfOf, :kind, :envelopeFrom, :recipient, :subject, :raw, :at)

-- name: find
-- A client's own mail and, with :onBehalf (its admins), the platform-held confirmation mail sent
-- for it; operators (:clientId null) read platform mail.
select * from outbox_messages where id = :id
  and (client_id is not distinct from :clientId or (:onBehalf and client_id is null and on_behalf_of = :clientId))

-- name: search-first
-- Who sees what as in find. Each filter is optional ('' or null: any); the recipient matches
-- anywhere in the address, case-insensitively.
select * from outbox_messages
where (client_id is not distinct from :clientId or (:onBehalf and client_id is null and on_behalf_of = :clientId))
  and (:recipient = '' or lower(recipient) like :recipientPattern escape '\')
  and (cast(:campaignId as uuid) is null or campaign_id = cast(:campaignId as uuid))
  and (:kind = '' or kind = :kind)
order by created_at desc, id desc limit :limit

-- name: search-next
select * from outbox_messages
where (client_id is not distinct from :clientId or (:onBehalf and client_id is null and on_behalf_of = :clientId))
  and (:recipient = '' or lower(recipient) like :recipientPattern escape '\')
  and (cast(:campaignId as uuid) is null or campaign_id = cast(:campaignId as uuid))
  and (:kind = '' or kind = :kind)
  and (created_at, id) < (:createdAt, :afterId)
order by created_at desc, id desc limit :limit

-- name: forget-recipient
-- Erasure of a subscriber: the client's captured mail to the address, and platform-held
-- confirmation mail sent on this client's behalf (never another client's).
delete from outbox_messages
where lower(recipient) = :recipient and (client_id = :clientId or (client_id is null and on_behalf_of = :clientId))

-- name: to-recipient
-- The same rows as forget-recipient, newest first (a legal disclosure reads them).
select * from outbox_messages
where lower(recipient) = :recipient and (client_id = :clientId or (client_id is null and on_behalf_of = :clientId))
order by created_at desc, id desc limit :limit
