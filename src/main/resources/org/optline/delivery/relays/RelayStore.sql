-- name: find
select client_id, host, port, tls, username, password, max_connections, max_messages_per_connection, max_rate, updated_at
from client_relays where client_id = :clientId

-- name: delete
delete from client_relays where client_id = :clientId

-- name: insert
insert into client_relays (client_id, host, port, tls, username, password, max_connections, max_messages_per_connection,
                           max_rate, updated_at)
values (:clientId, :host, :port, :tls, :username, :password, :maxConnections, :maxMessages, :maxRate, :at)
