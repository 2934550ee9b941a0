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
    existing      boolean not null default false,
    joining       boolean not null default true
) on commit drop

-- name: create-staging-tags
-- Values of multi-valued fields, by the staged row's ord; a null tag: the cell named the field
-- with no value, which clears an existing subscriber's values of it.
create temp table import_staging_tags (
    ord      integer not null,
    field_id uuid not null,
    tag      text
) on commit drop

-- name: copy-rows
-- Text format (tab-separated, \N for null). The runner puts the slot columns the import fills in
-- place of the marker (each checked against the fixed slot list); the others stay null.
copy import_staging (ord, subscriber_id, line, email, email_key, email_hash, name /*slot columns*/) from stdin

-- name: copy-tags
copy import_staging_tags (ord, field_id, tag) from stdin

-- name: analyze-staging
-- A temporary table has no statistics until analysed; with them the joins below are hash joins
-- sized for the chunk instead of plans guessed for an empty table.
analyze import_staging

-- name: drop-suppressed
-- Addresses the client or the platform suppresses are not imported; answers their keys, so the
-- runner drops their flags and counts them.
delete from import_staging s
where exists (select 1 from suppressions p where p.client_id = :clientId and p.email_hash = s.email_hash)
   or exists (select 1 from platform_suppressions p where p.email_hash = s.email_hash)
returning s.email_key

-- name: mark-existing
-- Addresses the client already has keep their subscriber (and its id); of them, only those not
-- yet on the list (whatever their state) join it. New subscribers always join. One rewrite of the
-- staged rows of existing addresses, none of the others.
update import_staging s set subscriber_id = b.id, existing = true,
    joining = not exists (select 1 from list_memberships m
                          where m.client_id = :clientId and m.list_id = :listId and m.subscriber_id = b.id)
from subscribers b
where b.client_id = :clientId and b.email_key = s.email_key

-- name: insert-new-subscribers
-- In line order, so the time-ordered ids arrive in ascending order at the right edge of the index.
insert into subscribers (id, client_id, email, email_key, email_hash, name, status, created_at, updated_at,
    text_1, text_2, text_3, text_4, text_5, text_6, text_7, text_8, text_9, text_10, number_1,
    number_2, number_3, number_4, number_5, date_1, date_2, date_3, date_4, date_5, bool_1, bool_2,
    bool_3, bool_4, bool_5)
select s.subscriber_id, :clientId, s.email, s.email_key, s.email_hash, s.name, :status, :at, :at,
       s.text_1, s.text_2, s.text_3, s.text_4, s.text_5, s.text_6, s.text_7, s.text_8, s.text_9,
       s.text_10, s.number_1, s.number_2, s.number_3, s.number_4, s.number_5, s.date_1, s.date_2,
       s.date_3, s.date_4, s.date_5, s.bool_1, s.bool_2, s.bool_3, s.bool_4, s.bool_5
from import_staging s
where not s.existing
order by s.ord

-- name: update-existing
-- The name and each slot only where the file gave a value (a staged null: the cell was empty), as
-- SubscriberStore.updateAll on H2. Status and address stay as they are.
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
    updated_at = :at
from import_staging s
where b.client_id = :clientId and b.id = s.subscriber_id and s.existing

-- name: delete-replaced-tags
-- An existing subscriber's values of a field the file gave are replaced (new subscribers have none).
delete from subscriber_tags t
using import_staging_tags g, import_staging s
where s.ord = g.ord and s.existing
  and t.client_id = :clientId and t.subscriber_id = s.subscriber_id and t.field_id = g.field_id

-- name: insert-tags
-- Suppressed rows are gone from import_staging, so the join leaves their values out.
insert into subscriber_tags (client_id, field_id, subscriber_id, tag)
select :clientId, g.field_id, s.subscriber_id, g.tag
from import_staging_tags g
join import_staging s on s.ord = g.ord
where g.tag is not null

-- name: count-left-list
-- Members who unsubscribed from this list themselves: an import never puts them back, and they
-- are counted with the suppressed.
select count(*)
from import_staging s
join list_memberships m on m.list_id = :listId and m.subscriber_id = s.subscriber_id
where m.client_id = :clientId and s.existing and m.status = :left

-- name: insert-memberships
-- An import is the client's attestation that these people opted in, so they join confirmed.
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at)
select :clientId, :listId, s.subscriber_id, :status, :at, :at
from import_staging s
where s.joining
order by s.ord

-- name: insert-consent
-- One ledger row per person who joined, with the line, the file's hash and who attested, the
-- detail as ConsentStore writes it on H2 ('line <n>' and the rest, at most 2000 characters).
insert into consent_events (client_id, subscriber_id, at, event, list_id, source_kind, source_id, ip, user_agent,
                            consent_text, detail)
select :clientId, s.subscriber_id, :at, :event, :listId, :sourceKind, :sourceId, :ip, null, :consentText,
       left('line ' || s.line || :detailAfterLine, 2000)
from import_staging s
where s.joining
order by s.ord

-- name: joined
-- Who joined, for the SubscriptionsStarted event, in line order.
select s.subscriber_id, s.email from import_staging s where s.joining order by s.ord
