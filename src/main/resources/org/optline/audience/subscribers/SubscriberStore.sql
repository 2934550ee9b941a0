-- name: find
select * from subscribers where client_id = :clientId and id = :id

-- name: clients-holding
-- Legal disclosure only, in the platform scope: the clients holding one address. Driven by the
-- clients table so that each client costs one probe of the subscribers' (client_id, email_key)
-- unique key and of the (client_id, email_hash) keys of suppressions and erasure tombstones (which
-- outlive the address); no index on the key or hash alone is needed (or kept up to date by every
-- import) for a request that comes a few times a year.
select c.id as client_id, s.id as subscriber_id
from clients c
left join subscribers s on s.client_id = c.id and s.email_key = :emailKey
where s.id is not null
   or exists (select 1 from suppressions x where x.client_id = c.id and x.email_hash = :emailHash)
   or exists (select 1 from erasure_tombstones t where t.client_id = c.id and t.email_hash = :emailHash)
order by c.created_at, c.id

-- name: find-by-key
select * from subscribers where client_id = :clientId and email_key = :emailKey

-- name: ids-by-keys
-- The import's dedupe probe: which of a batch's addresses this client already has. One array
-- parameter, not an IN list of thousands: PostgreSQL then probes the (client_id, email_key)
-- unique index per key instead of filtering every row of the client against a long list (which
-- it did, quadratically, when statistics lagged behind a fast-growing table).
select id, email_key, status from subscribers where client_id = :clientId and email_key = any(:keys)

-- name: set-status
update subscribers set status = :status, updated_at = :at where client_id = :clientId and id = :id

-- name: delete
delete from subscribers where client_id = :clientId and id = :id

-- name: search-first
-- Newest first. The email prefix uses the (client_id, email_key) unique index.
select * from subscribers
where client_id = :clientId
  and (:prefix = '' or email_key like :prefixPattern)
  and (:status = '' or status = :status)
  and (cast(:listId as uuid) is null or exists (select 1 from list_memberships m
        where m.client_id = :clientId and m.list_id = cast(:listId as uuid) and m.subscriber_id = subscribers.id))
order by created_at desc, id desc
limit :limit

-- name: search-next
select * from subscribers
where client_id = :clientId
  and (:prefix = '' or email_key like :prefixPattern)
  and (:status = '' or status = :status)
  and (cast(:listId as uuid) is null or exists (select 1 from list_memberships m
        where m.client_id = :clientId and m.list_id = cast(:listId as uuid) and m.subscriber_id = subscribers.id))
  and (created_at, id) < (:createdAt, :afterId)
order by created_at desc, id desc
limit :limit

-- name: count
select count(*) from subscribers where client_id = :clientId

-- name: export-page
-- Active subscribers by id, so an export pages by keyset with bounded memory. The caller drops
-- suppressed addresses (checked by hash) before writing a page out.
select s.* from subscribers s
where s.client_id = :clientId and s.status = 'active' and s.id > :afterId
order by s.id
limit :limit

-- name: export-page-of-list
select s.* from subscribers s
join list_memberships m on m.client_id = s.client_id and m.subscriber_id = s.id
where s.client_id = :clientId and m.list_id = :listId and m.status <> 'unsubscribed'
  and s.status = 'active' and s.id > :afterId
order by s.id
limit :limit

-- name: find-many-with-slots
-- A delivery batch in one probe of the primary key: the fixed columns and the slot columns the
-- caller names in place of the slots marker (each checked against the fixed set of slot names first).
select id, client_id, email, email_key, name, status, created_at, updated_at /*slots*/
from subscribers where client_id = :clientId and id = any(:ids)

-- name: insert-many
-- Active subscribers in one statement, one array per column, on H2 and PostgreSQL alike. For each
-- slot column some row has a value for, the store puts in place of the markers (after checking the
-- name against the fixed slot list) the column, its value read from t (cast to the column's type;
-- slot values travel as text), its array parameter and its name in t.
insert into subscribers (id, client_id, email, email_key, email_hash, name, status, created_at, updated_at /*slot columns*/)
select t.id, :clientId, t.email, t.email_key, t.email_hash, t.name, :status, :at, :at /*slot values*/
from unnest(:ids, :emails, :keys, :hashes, :names /*slot arrays*/) as t(id, email, email_key, email_hash, name /*slot names*/)

-- name: update-profile
-- The name and the slot columns a change sets are put in place of the marker (slot names checked).
update subscribers set updated_at = :at /*set*/ where client_id = :clientId and id = :id

-- name: set-email
update subscribers set email = :email, email_key = :emailKey, email_hash = :emailHash, updated_at = :at
where client_id = :clientId and id = :id

-- name: browse
-- The subscribers page: text found anywhere in the address or the name, a status, a list (any
-- membership, whatever its state), in the order put in place of the order marker (one of the
-- order-by blocks below, its direction chosen from asc/desc by the store). Pages by offset: people
-- page through the first few screens, sorted by several columns, which a keyset cannot follow
-- when names repeat or are missing. Text found anywhere cannot use an index, so it reads the
-- client's rows (client_id leads every index); the API's search keeps the indexed email prefix.
select * from subscribers
where client_id = :clientId
  and (:text = '' or email_key like :textPattern or lower(name) like :textPattern)
  and (:status = '' or status = :status)
  and (cast(:listId as uuid) is null or exists (select 1 from list_memberships m
        where m.client_id = :clientId and m.list_id = cast(:listId as uuid) and m.subscriber_id = subscribers.id))
order by /*order*/
limit :limit offset :offset

-- name: browse-count
select count(*) from subscribers
where client_id = :clientId
  and (:text = '' or email_key like :textPattern or lower(name) like :textPattern)
  and (:status = '' or status = :status)
  and (cast(:listId as uuid) is null or exists (select 1 from list_memberships m
        where m.client_id = :clientId and m.list_id = cast(:listId as uuid) and m.subscriber_id = subscribers.id))

-- name: order-by-email
email_key /*dir*/, id /*dir*/

-- name: order-by-name
-- People without a name come last either way.
lower(name) /*dir*/ nulls last, email_key /*dir*/, id /*dir*/

-- name: order-by-created
created_at /*dir*/, id /*dir*/

-- name: order-by-status
status /*dir*/, created_at desc, id desc

-- name: known-values-postgresql
-- The values a multi field has among the client's subscribers, alphabetically, at most :limit; the
-- slot column is put in place of the marker (checked against the fixed slot list). The GIN index
-- answers "who has this value", not "which values are there": this reads the client's rows that
-- have a value in the slot (a few hundred milliseconds at a million subscribers).
select distinct v.tag from subscribers s cross join lateral unnest(s./*slot*/) as v(tag)
where s.client_id = :clientId and s./*slot*/ is not null
order by v.tag
limit :limit

-- name: known-values-h2
-- H2 cannot unnest a column: the arrays, for SubscriberStore to collect.
select /*slot*/ from subscribers where client_id = :clientId and /*slot*/ is not null
