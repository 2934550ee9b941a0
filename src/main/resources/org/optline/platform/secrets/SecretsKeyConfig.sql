-- name: check
select secret from platform_secrets where name = :name

-- name: insert-check
insert into platform_secrets (name, secret, created_at) values (:name, :secret, :at) on conflict do nothing
