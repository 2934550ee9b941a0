-- name: insert-recipient
insert into test_recipients (id, client_id, email, email_key, added_by, created_at)
values (:id, :clientId, :email, :emailKey, :addedBy, :createdAt)
on conflict do nothing

-- name: recipients
select id, client_id, email, added_by, created_at from test_recipients
where client_id = :clientId order by email_key

-- name: find-recipient
select id, client_id, email, added_by, created_at from test_recipients where client_id = :clientId and id = :id

-- name: delete-recipient
delete from test_recipients where client_id = :clientId and id = :id

-- name: allowed-keys
select email_key from test_recipients where client_id = :clientId and email_key in (:keys)

-- name: start-hour
-- The hour's counter, made by the first test of the hour; earlier hours are no longer needed.
insert into test_send_counts (client_id, hour_start, sent) values (:clientId, :hourStart, 0)
on conflict do nothing

-- name: forget-earlier-hours
delete from test_send_counts where client_id = :clientId and hour_start < :hourStart

-- name: take
-- Takes :n from the hour's allowance only if it stays within :limit; the row lock makes two nodes'
-- takes wait for each other, so together they never pass the limit.
update test_send_counts set sent = sent + :n
where client_id = :clientId and hour_start = :hourStart and sent + :n <= :limit
