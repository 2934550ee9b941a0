-- name: insert
insert into users (id, client_id, email, password_hash, role, enabled, failed_logins, created_at)
values (:id, :clientId, :email, :passwordHash, :role, true, 0, :createdAt)

-- name: find
-- "client_id is not distinct from" matches operators (null client) as well as clients.
select id, client_id, email, role, enabled, created_at, last_login_at
from users where id = :id and client_id is not distinct from :clientId

-- name: list
select id, client_id, email, role, enabled, created_at, last_login_at
from users where client_id is not distinct from :clientId
order by created_at desc, id desc

-- name: email-taken
select count(*) from users where email = :email

-- name: set-enabled
update users set enabled = :enabled where id = :id and client_id is not distinct from :clientId

-- name: lock-enabled-admins
-- The client's enabled admins, locked until the transaction ends: two admins demoting or
-- disabling each other at once take turns, so the second sees that the first left no other.
select id from users where client_id = :clientId and role = 'client_admin' and enabled = true for update

-- name: set-role
update users set role = :role where id = :id and client_id is not distinct from :clientId

-- name: set-password
update users set password_hash = :passwordHash where id = :id

-- name: login-by-email
-- Login happens before any tenant is known, so it runs in platform scope by email alone.
select u.id, u.client_id, u.email, u.password_hash, u.role, u.enabled, u.failed_logins, u.locked_until,
       c.status as client_status
from users u left join clients c on c.id = u.client_id
where u.email = :email

-- name: password-hash
select password_hash from users where id = :id

-- name: record-failure
update users set failed_logins = failed_logins + 1 where id = :id

-- name: lock
update users set failed_logins = 0, locked_until = :until where id = :id

-- name: record-success
update users set failed_logins = 0, locked_until = null, last_login_at = :at where id = :id

-- name: enabled-login-of-client
select count(*) from users where client_id = :clientId and email = :email and enabled = true

-- name: active-logins
-- Every enabled login whose client may still sign in (any standing but terminated), and every
-- enabled operator: the platform's users as its own notices address them.
select distinct lower(u.email) from users u left join clients c on c.id = u.client_id
where u.enabled = true and (u.client_id is null or c.status <> 'terminated')
order by 1
