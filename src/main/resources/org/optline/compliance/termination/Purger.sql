-- name: delete-batch-postgresql
-- PostgreSQL has no DELETE ... LIMIT: the batch is picked by physical row address (ctid), which
-- every table has whatever its key, in this one statement (partitions are purged one by one, as a
-- ctid is unique only within one). {table} and {owner} come from the schema, checked as identifiers.
delete from {table} where ctid = any(array(select ctid from {table} where {owner} limit :limit)) and ({owner})

-- name: delete-batch-h2
-- H2 bounds a delete itself.
delete from {table} where {owner} fetch first :limit rows only

-- name: allow-ledger-delete
-- PostgreSQL: the consent ledger's append-only trigger lets a delete through in a transaction that
-- says it is erasing (as a subscriber's erasure does); this lasts for this transaction only.
select set_config('optline.erasing', 'on', true)
