-- name: insert-bounce
insert into inbound_bounces (id, client_id, subscriber_id, campaign_id, inbound_message_id, hard, sender_blamed,
                             suppressed, status, diagnostic, received_at)
values (:id, :clientId, :subscriberId, :campaignId, :inboundMessageId, :hard, :senderBlamed, :suppressed, :status,
        :diagnostic, :receivedAt)

-- name: mark-bounce-suppressed
update inbound_bounces set suppressed = true where client_id = :clientId and id = :id

-- name: soft-bounces-since
-- The policy's window ends at the bounce being recorded (inclusive), so reprocessing old mail counts as it did then.
select count(*) from inbound_bounces
where client_id = :clientId and subscriber_id = :subscriberId and hard = false
  and received_at > :since and received_at <= :until

-- name: insert-complaint
insert into inbound_complaints (id, client_id, subscriber_id, campaign_id, inbound_message_id, feedback_type,
                                user_agent, report, received_at)
values (:id, :clientId, :subscriberId, :campaignId, :inboundMessageId, :feedbackType, :userAgent, :report, :receivedAt)

-- name: recorded
-- Whether this inbound message already left a row (processed before): then nothing is done again.
select count(*) from (
    select id from inbound_bounces where client_id = :clientId and inbound_message_id = :inboundMessageId
    union all
    select id from inbound_complaints where client_id = :clientId and inbound_message_id = :inboundMessageId
    union all
    select id from inbound_replies where client_id = :clientId and inbound_message_id = :inboundMessageId
) recorded

-- name: find-policy
select soft_bounce_limit, soft_bounce_days from bounce_policies where client_id = :clientId

-- name: update-policy
update bounce_policies set soft_bounce_limit = :limit, soft_bounce_days = :days, updated_at = :at
where client_id = :clientId

-- name: insert-policy
insert into bounce_policies (client_id, soft_bounce_limit, soft_bounce_days, updated_at)
values (:clientId, :limit, :days, :at)

-- name: redact-stored-mail
-- The stored raw messages that became this subscriber's replies, complaints and bounces (run
-- before those rows are deleted): their bytes and the sender's address and host quote the person,
-- so they are emptied now rather than at the spool's retention. The row stays, with its hashes,
-- so that the same message delivered again is still known and not processed a second time.
update inbound_messages set raw = :nothing, size_bytes = 0, mail_from = '', remote_address = null,
    result_recipient = null, last_error = null
where id in (select inbound_message_id from inbound_replies where client_id = :clientId and subscriber_id = :subscriberId
             union all
             select inbound_message_id from inbound_complaints where client_id = :clientId and subscriber_id = :subscriberId
             union all
             select inbound_message_id from inbound_bounces where client_id = :clientId and subscriber_id = :subscriberId)

-- name: forget-replies
delete from inbound_replies where client_id = :clientId and subscriber_id = :subscriberId

-- name: forget-complaints
delete from inbound_complaints where client_id = :clientId and subscriber_id = :subscriberId

-- name: forget-bounces
delete from inbound_bounces where client_id = :clientId and subscriber_id = :subscriberId

-- name: bounces-of
-- A subscriber's record (legal disclosure): the (client_id, subscriber_id, received_at) index.
select * from inbound_bounces where client_id = :clientId and subscriber_id = :subscriberId
order by received_at desc, id desc limit :limit

-- name: complaints-of
select * from inbound_complaints where client_id = :clientId and subscriber_id = :subscriberId
order by received_at desc, id desc limit :limit

-- name: replies-of
select * from inbound_replies where client_id = :clientId and subscriber_id = :subscriberId
order by received_at desc, id desc limit :limit
