-- name: latest
select * from site_policies order by version desc limit 1

-- name: find
select * from site_policies where version = :version

-- name: all
-- Every version, newest first: a policy has tens of versions over its life, not thousands.
select * from site_policies order by version desc

-- name: page
-- Newest first, by the version number (unique): the cursor is the last number shown.
select * from site_policies where (:before is null or version < :before) order by version desc limit :limit

-- name: next-version
select coalesce(max(version), 0) + 1 from site_policies

-- name: insert
insert into site_policies (id, version, body, material, summary, published_at, published_by, published_by_label)
values (:id, :version, :body, :material, :summary, :publishedAt, :publishedBy, :publishedByLabel)

-- name: insert-first
-- Only into an empty table: nodes starting together both try, the unique version lets one win.
insert into site_policies (id, version, body, material, summary, published_at, published_by, published_by_label)
select :id, 1, :body, false, :summary, :publishedAt, null, :publishedByLabel
where not exists (select 1 from site_policies)
