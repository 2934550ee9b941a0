-- name: create-partition
-- {partition}, {from}, {to} are filled in from a month, never from input.
create table if not exists {partition} partition of tracked_events for values from ('{from}') to ('{to}')

-- name: protect-partition
-- Row-level security on with no policy of its own: reached through tracked_events the parent's
-- policy applies, reached directly the partition shows nothing.
alter table {partition} enable row level security, force row level security

-- name: partitions
select c.relname from pg_inherits i
join pg_class c on c.oid = i.inhrelid
join pg_class p on p.oid = i.inhparent
where p.relname = 'tracked_events'

-- name: drop-partition
drop table if exists {partition}

-- name: delete-before
delete from tracked_events where at < :cutoff
