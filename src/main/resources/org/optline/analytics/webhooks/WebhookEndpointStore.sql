-- name: insert
insert into webhook_endpoints (id, client_id, url, events, secret, created_at)
values (:id, :clientId, :url, :events, :secret, :at)

-- name: list
-- A client has a handful at most (Webhooks.MAX_ENDPOINTS): no paging.
select id, url, events, created_at from webhook_endpoints where client_id = :clientId order by created_at desc, id desc

-- name: find
select id, url, events, created_at from webhook_endpoints where client_id = :clientId and id = :id

-- name: count
select count(*) from webhook_endpoints where client_id = :clientId

-- name: delete-outbox
delete from webhook_outbox where client_id = :clientId and endpoint_id = :id

-- name: delete-log
delete from webhook_deliveries where client_id = :clientId and endpoint_id = :id

-- name: delete
delete from webhook_endpoints where client_id = :clientId and id = :id
