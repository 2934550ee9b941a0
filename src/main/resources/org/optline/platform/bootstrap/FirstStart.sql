-- name: claim
-- Whoever inserts the single row first creates the first operator; the others see a duplicate key.
insert into platform_bootstrap (id, operator_user_id, created_at) values (1, :userId, :at)

-- name: done
select count(*) from platform_bootstrap
