-- name: token-key
select secret from platform_secrets where name = 'token-key'

-- name: insert-token-key
insert into platform_secrets (name, secret, created_at) values ('token-key', :secret, :at) on conflict do nothing

-- name: seal-token-key
-- Only if nobody sealed it meanwhile.
update platform_secrets set secret = :sealed where name = 'token-key' and secret = :plain
