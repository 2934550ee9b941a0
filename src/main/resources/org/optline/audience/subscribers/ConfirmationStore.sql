-- name: insert
insert into subscriber_confirmations (id, client_id, subscriber_id, list_id, created_at)
values (:id, :clientId, :subscriberId, :listId, :at)

-- name: find
-- The rows of one mailed link that are still open; a link older than the cutoff is refused.
select subscriber_id, list_id from subscriber_confirmations
where client_id = :clientId and id = :id and created_at >= :cutoff order by list_id

-- name: consume
-- Whoever deletes the rows first used the link; a second press, or a concurrent one, finds none.
delete from subscriber_confirmations where client_id = :clientId and id = :id

-- name: void-subscriber
delete from subscriber_confirmations where client_id = :clientId and subscriber_id = :subscriberId

-- name: void-list
delete from subscriber_confirmations where client_id = :clientId and subscriber_id = :subscriberId and list_id = :listId

-- name: void-address
-- The subscriber is found by the (client_id, email_key) unique key: the address is known here.
delete from subscriber_confirmations
where client_id = :clientId
  and subscriber_id in (select id from subscribers where client_id = :clientId and email_key = :emailKey)

-- name: expire
delete from subscriber_confirmations where client_id = :clientId and created_at < :cutoff
