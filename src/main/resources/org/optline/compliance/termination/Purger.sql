-- name: delete-batch-postgresql
-- PostgreSQL has no DELETE ... LIMIT: the batch is picked by physical row address (ctid), which
-- every table has whatever its key, in this one statement. {table} and {owner} come from the schema, checked as identifiers.
delete from {table} where ctid = any(array(select ctid from {table} where {owner} limit :limit)) and ({owner})

-- name: delete-batch-postgresql-partition
-- PostgreSQL, one partition of a partitioned table, reached through its parent: the partition alone
-- has row-level security with no policy, so it shows nothing; the parent's policy applies through
-- the parent. The tableoid test keeps the ctids to the one partition they belong to.
delete from {parent}
where tableoid = '{table}'::regclass
  and ctid = any(array(select ctid from {parent} where tableoid = '{table}'::regclass and ({owner}) limit :limit))
  and ({owner})

-- name: delete-batch-h2
-- H2 bounds a delete itself.
delete from {table} where {owner} fetch first :limit rows only

-- name: allow-ledger-delete
-- PostgreSQL: the consent ledger's append-only trigger lets a delete through in a transaction that
-- says it is erasing (as a subscriber's erasure does); this lasts for this transaction only.
select set_config('optline.erasing', 'on', true)
