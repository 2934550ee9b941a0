-- name: one-at-a-time-postgresql
-- Held to the end of the transaction; the number is this table's own, used nowhere else.
select pg_advisory_xact_lock(1400100)

-- name: forget-node
delete from sending_nodes where node_id = :node

-- name: insert-work
insert into sending_nodes (node_id, client_id, seen_at) values (:node, :clientId, :at)

-- name: nodes-at-work
-- Rows of nodes heard from within the window: who is sending whose mail now.
select node_id, client_id from sending_nodes where seen_at > :since

-- name: forget-dead
-- Rows a dead node left. Long past the window, so no reader still counts them.
delete from sending_nodes where seen_at < :before
