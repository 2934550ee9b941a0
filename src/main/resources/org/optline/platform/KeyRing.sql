-- name: keys
-- Every key of one ring ({name}-key-{number}).
select name, secret, created_at from platform_secrets where name like :pattern

-- name: insert-key
-- Two nodes adding the same number at once: the first one's key stays.
insert into platform_secrets (name, secret, created_at) values (:name, :secret, :at) on conflict do nothing
