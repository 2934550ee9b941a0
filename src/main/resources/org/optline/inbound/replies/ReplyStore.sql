-- name: insert
insert into inbound_replies (id, client_id, subscriber_id, campaign_id, inbound_message_id, from_address, subject,
                             text_body, received_at, forwarded_to, forwarded_at)
values (:id, :clientId, :subscriberId, :campaignId, :inboundMessageId, :fromAddress, :subject, :text, :receivedAt,
        :forwardedTo, :forwardedAt)

-- name: find
select * from inbound_replies where client_id = :clientId and id = :id

-- name: first-page
select * from inbound_replies where client_id = :clientId
order by received_at desc, id desc limit :limit

-- name: next-page
select * from inbound_replies where client_id = :clientId and (received_at, id) < (:receivedAt, :afterId)
order by received_at desc, id desc limit :limit
