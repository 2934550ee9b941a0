-- name: owner-columns
-- The columns that name a row's client, in every base table of the application's schema (views
-- and other schemas are not the client's data). Lower-cased: H2 and PostgreSQL agree on nothing else.
select lower(c.table_name) as table_name, lower(c.column_name) as column_name
from information_schema.columns c
join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
where lower(c.table_schema) = lower(current_schema) and t.table_type = 'BASE TABLE'
  and lower(c.column_name) in (:owners)
order by 1, 2

-- name: columns
-- Every column of every base table, in the table's own order: the export writes them all.
select lower(c.table_name) as table_name, lower(c.column_name) as column_name
from information_schema.columns c
join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
where lower(c.table_schema) = lower(current_schema) and t.table_type = 'BASE TABLE'
order by c.table_name, c.ordinal_position

-- name: foreign-keys
-- Which table references which, from the standard views both databases have: the purge deletes
-- the referencing (child) table's rows before the referenced one's.
select distinct lower(child.table_name) as child, lower(parent.table_name) as parent
from information_schema.referential_constraints rc
join information_schema.table_constraints child
  on child.constraint_schema = rc.constraint_schema and child.constraint_name = rc.constraint_name
join information_schema.table_constraints parent
  on parent.constraint_schema = rc.unique_constraint_schema and parent.constraint_name = rc.unique_constraint_name
where lower(rc.constraint_schema) = lower(current_schema)

-- name: postgresql-partitions
-- PostgreSQL: partitioned tables (exported once, through the parent) and their partitions with
-- their parent (purged one by one through it: a batch is picked by ctid, unique within one partition).
select c.relname as table_name, c.relispartition as is_partition, p.relname as parent
from pg_class c
left join pg_inherits i on i.inhrelid = c.oid
left join pg_class p on p.oid = i.inhparent
where c.relnamespace = current_schema()::regnamespace and (c.relispartition or c.relkind = 'p')
