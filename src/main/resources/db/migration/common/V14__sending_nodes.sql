-- Which node is sending whose mail, renewed every second by each node (delivery.queue.SendingNodes).
-- A rate set for a client, a provider or the whole platform is then shared by the nodes sending
-- that mail instead of applied by each of them. A row older than a few seconds belongs to a node
-- that died; readers ignore it and the next node to write removes it.
create table sending_nodes (
    node_id    uuid not null,
    client_id  uuid not null,
    seen_at    timestamp with time zone not null,
    primary key (node_id, client_id)
);
