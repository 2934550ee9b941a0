-- name: find
select client_id, host, port, tls, username, password, max_connections, max_messages_per_connection, max_rate, updated_at
from client_relays where client_id = :clientId

-- name: delete
delete from client_relays where client_id = :clientId

-- name: insert
insert into client_relays (client_id, host, port, tls, username, password, max_connections, max_messages_per_connection,
                           max_rate, updated_at)
values (:clientId, :host, :port, :tls, :username, :password, :maxConnections, :maxMessages, :maxRate, :at)

-- name: plain-passwords
-- Passwords stored in the clear, before passwords were sealed (every client's: the platform scope).
select client_id, password from client_relays where password is not null and password not like 'sealed:%'

-- name: seal-password
update client_relays set password = :sealed where client_id = :clientId and password = :plain
