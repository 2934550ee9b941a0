-- The PostgreSQL path of an import, one chunk per transaction, one statement per step. The
-- runner has parsed, validated and de-duplicated the chunk in Java (the same rules as ImportBatch
-- on H2) and streams the valid rows with COPY into import_staging, each numbered in line order
-- (ord) and carrying a new time-ordered id as subscriber_id, which an existing subscriber's id
-- replaces when the client already has the address; the steps below merge them into the
-- client's tables with set-based statements. COPY cannot go straight into the real tables:
-- row-level security refuses it, and it would skip the checks made here (suppressed and existing
-- addresses, members who left the list).

-- name: create-staging
-- Dropped at the chunk's commit (or rollback), so a pooled connection keeps nothing. The slot
-- columns have the slots' types, so COPY converts each value once; text stays text and the
-- subscribers column refuses an over-long value as the single-row insert would.
create temp table import_staging (
    ord           integer not null,
    subscriber_id uuid not null,
    line          bigint not null,
    email         text not null,
    email_key     text not null,
    email_hash    text not null,
    name          text,
    text_1 text, text_2 text, text_3 text, text_4 text, text_5 text, text_6 text, text_7 text,
    text_8 text, text_9 text, text_10 text, number_1 numeric, number_2 numeric, number_3 numeric,
    number_4 numeric, number_5 numeric, date_1 date, date_2 date, date_3 date, date_4 date,
    date_5 date, bool_1 boolean, bool_2 boolean, bool_3 boolean, bool_4 boolean, bool_5 boolean,
    multi_1 text[], multi_2 text[], multi_3 text[], multi_4 text[], multi_5 text[],
    existing      boolean not null default false,
    joining       boolean not null default true
) on commit drop

-- name: copy-rows
-- Text format (tab-separated, \N for null). The runner puts the slot columns the import fills in
-- place of the marker (each checked against the fixed slot list); the others stay null. A multi
-- field's values arrive as an array literal, sorted and distinct as FieldValues makes them.
copy import_staging (ord, subscriber_id, line, email, email_key, email_hash, name /*slot columns*/) from stdin

-- name: analyze-staging
-- A temporary table has no statistics until analysed; with them the joins below are planned for
-- the chunk's size instead of guessed. Only the columns the joins use, from a small sample
-- (chunk-settings): a full ANALYZE of the wide staged rows took a quarter of a second a chunk.
analyze import_staging (email_key, email_hash, subscriber_id)

-- name: chunk-settings
-- For the chunk's transaction only. A small statistics sample for analyze-staging. Nested loops
-- for every join: each one below probes a keyed index of the client's tables once per staged row
-- (at most a chunk's), where the cost model, with its disk-bound random reads, preferred to hash
-- the client's whole table; at two million subscribers that took 1.2 s a chunk against 0.2 s for
-- the probes, and grew with the client. No JIT: compiling the hash plan took another 0.2 s. Enough
-- memory to sort a chunk's rows by ord in memory (the default 4 MB spilled 25 MB to disk per sort).
select set_config('default_statistics_target', '10', true), set_config('enable_hashjoin', 'off', true),
       set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true),
       set_config('work_mem', '64MB', true)

-- name: mark-existing
-- Addresses the client already has keep their subscriber (and its id); of them, only those not
-- yet on the list (whatever their state) join it. New subscribers always join. The subscribers
-- found are key-share locked in the same statement, before anything points at them (ParentLocks:
-- what the foreign key to subscribers checked): an erasure that comes later waits for this chunk;
-- one that committed first left no row to find and suppressed the address, which drop-suppressed,
-- run next with a newer snapshot, takes out. One probe of the client's address key per staged
-- row, and one rewrite of the staged rows of existing addresses, none of the others.
with found as (
    select b.id, b.email_key
    from subscribers b
    join import_staging s on s.email_key = b.email_key
    where b.client_id = :clientId
    for key share of b
)
update import_staging s set subscriber_id = f.id, existing = true,
    joining = not exists (select 1 from list_memberships m
                          where m.client_id = :clientId and m.list_id = :listId and m.subscriber_id = f.id)
from found f
where f.email_key = s.email_key

-- name: drop-suppressed
-- Addresses the client or the platform suppresses are not imported; answers their keys and
-- whether they were existing subscribers, so the runner drops their flags and counts them.
delete from import_staging s
where exists (select 1 from suppressions p where p.client_id = :clientId and p.email_hash = s.email_hash)
   or exists (select 1 from platform_suppressions p where p.email_hash = s.email_hash)
returning s.email_key, s.existing

-- name: insert-new-subscribers
-- In line order, so the time-ordered ids arrive in ascending order at the right edge of the index.
insert into subscribers (id, client_id, email, email_key, email_hash, name, status, created_at, updated_at,
    text_1, text_2, text_3, text_4, text_5, text_6, text_7, text_8, text_9, text_10, number_1,
    number_2, number_3, number_4, number_5, date_1, date_2, date_3, date_4, date_5, bool_1, bool_2,
    bool_3, bool_4, bool_5, multi_1, multi_2, multi_3, multi_4, multi_5)
select s.subscriber_id, :clientId, s.email, s.email_key, s.email_hash, s.name, :status, :at, :at,
       s.text_1, s.text_2, s.text_3, s.text_4, s.text_5, s.text_6, s.text_7, s.text_8, s.text_9,
       s.text_10, s.number_1, s.number_2, s.number_3, s.number_4, s.number_5, s.date_1, s.date_2,
       s.date_3, s.date_4, s.date_5, s.bool_1, s.bool_2, s.bool_3, s.bool_4, s.bool_5, s.multi_1,
       s.multi_2, s.multi_3, s.multi_4, s.multi_5
from import_staging s
where not s.existing
order by s.ord

-- name: update-existing
-- The name and each slot only where the file gave a value (a staged null: the cell was empty), as
-- SubscriberStore.updateAll on H2; a multi field's values given are replaced as a whole. Status and
-- address stay as they are.
update subscribers b set
    name = coalesce(s.name, b.name),
    text_1 = coalesce(s.text_1, b.text_1),
    text_2 = coalesce(s.text_2, b.text_2),
    text_3 = coalesce(s.text_3, b.text_3),
    text_4 = coalesce(s.text_4, b.text_4),
    text_5 = coalesce(s.text_5, b.text_5),
    text_6 = coalesce(s.text_6, b.text_6),
    text_7 = coalesce(s.text_7, b.text_7),
    text_8 = coalesce(s.text_8, b.text_8),
    text_9 = coalesce(s.text_9, b.text_9),
    text_10 = coalesce(s.text_10, b.text_10),
    number_1 = coalesce(s.number_1, b.number_1),
    number_2 = coalesce(s.number_2, b.number_2),
    number_3 = coalesce(s.number_3, b.number_3),
    number_4 = coalesce(s.number_4, b.number_4),
    number_5 = coalesce(s.number_5, b.number_5),
    date_1 = coalesce(s.date_1, b.date_1),
    date_2 = coalesce(s.date_2, b.date_2),
    date_3 = coalesce(s.date_3, b.date_3),
    date_4 = coalesce(s.date_4, b.date_4),
    date_5 = coalesce(s.date_5, b.date_5),
    bool_1 = coalesce(s.bool_1, b.bool_1),
    bool_2 = coalesce(s.bool_2, b.bool_2),
    bool_3 = coalesce(s.bool_3, b.bool_3),
    bool_4 = coalesce(s.bool_4, b.bool_4),
    bool_5 = coalesce(s.bool_5, b.bool_5),
    multi_1 = coalesce(s.multi_1, b.multi_1),
    multi_2 = coalesce(s.multi_2, b.multi_2),
    multi_3 = coalesce(s.multi_3, b.multi_3),
    multi_4 = coalesce(s.multi_4, b.multi_4),
    multi_5 = coalesce(s.multi_5, b.multi_5),
    updated_at = :at
from import_staging s
where b.client_id = :clientId and b.id = s.subscriber_id and s.existing

-- name: count-left-list
-- Members who unsubscribed from this list themselves: an import never puts them back, and they
-- are counted with the suppressed.
select count(*)
from import_staging s
join list_memberships m on m.list_id = :listId and m.subscriber_id = s.subscriber_id
where m.client_id = :clientId and s.existing and m.status = :left

-- name: insert-memberships
-- An import is the client's attestation that these people opted in, so they join confirmed,
-- each pointing at the import's one ledger row with its line of the file.
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at, consent_event_id,
                              consent_line)
select :clientId, :listId, s.subscriber_id, :status, :at, :at, :consentRow, s.line
from import_staging s
where s.joining
order by s.ord

-- name: joined
-- Who joined, for the SubscriptionsStarted event, in line order, and whether this chunk created them.
select s.subscriber_id, s.email, not s.existing as created from import_staging s where s.joining order by s.ord
