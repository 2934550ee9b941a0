-- Multi-valued fields as text[] columns of subscribers: one row carries all of a subscriber's
-- values, so an import writes no extra row and no B-tree entries per value. See docs/audience.md.
-- Runs in the platform scope: custom_fields and subscribers have row-level security.
select set_config('optline.scope', 'platform', true);

alter table subscribers
    add column multi_1 text[], add column multi_2 text[], add column multi_3 text[],
    add column multi_4 text[], add column multi_5 text[];

-- Each client's multi fields take multi_1, multi_2 … in the order they were created (id breaks a
-- tie). A client with more than five gets multi_6 or later, which the check below refuses: the
-- migration stops, nothing moves, and the operator first deletes or merges that client's surplus
-- multi fields (docs/audience.md gives the query that finds them).
update custom_fields f set slot = 'multi_' || (
    select count(*) from custom_fields o
    where o.client_id = f.client_id and o.field_type = 'multi'
      and (o.created_at < f.created_at or (o.created_at = f.created_at and o.id <= f.id)))
where f.field_type = 'multi';
alter table custom_fields add constraint custom_fields_multi_slot_check
    check (field_type <> 'multi' or slot in ('multi_1', 'multi_2', 'multi_3', 'multi_4', 'multi_5'));
alter table custom_fields add constraint custom_fields_slot_key unique (client_id, slot);

-- The values, sorted and distinct, each subscriber's row rewritten once for all five columns. A
-- field without values leaves its column null (never an empty array). Sorted by code point
-- (collation "C"), the order FieldValues sorts new values in, whatever the database's collation.
update subscribers s
set multi_1 = v.m1, multi_2 = v.m2, multi_3 = v.m3, multi_4 = v.m4, multi_5 = v.m5
from (
    select t.client_id, t.subscriber_id,
           array_agg(distinct t.tag collate "C" order by t.tag collate "C") filter (where f.slot = 'multi_1') as m1,
           array_agg(distinct t.tag collate "C" order by t.tag collate "C") filter (where f.slot = 'multi_2') as m2,
           array_agg(distinct t.tag collate "C" order by t.tag collate "C") filter (where f.slot = 'multi_3') as m3,
           array_agg(distinct t.tag collate "C" order by t.tag collate "C") filter (where f.slot = 'multi_4') as m4,
           array_agg(distinct t.tag collate "C" order by t.tag collate "C") filter (where f.slot = 'multi_5') as m5
    from subscriber_tags t
    join custom_fields f on f.id = t.field_id and f.client_id = t.client_id
    group by t.client_id, t.subscriber_id
) v
where s.client_id = v.client_id and s.id = v.subscriber_id;

-- Unused: every reader and writer moved to the columns (its row-level security policy goes with it).
drop table subscriber_tags;

-- One GIN index per column, for the segment language's has / has any / has all (@>, &&). Per
-- column because a column is one field of each client, so an index entry is (value → rows) of
-- that field; one index over all five would have to prefix every value with its slot in an
-- expression each query repeats. Partial: a slot no client uses costs no index entries, and a
-- row without values adds none (containment and overlap imply the column is not null, so the
-- planner takes the partial index for them).
create index subscribers_multi_1_idx on subscribers using gin (multi_1) where multi_1 is not null;
create index subscribers_multi_2_idx on subscribers using gin (multi_2) where multi_2 is not null;
create index subscribers_multi_3_idx on subscribers using gin (multi_3) where multi_3 is not null;
create index subscribers_multi_4_idx on subscribers using gin (multi_4) where multi_4 is not null;
create index subscribers_multi_5_idx on subscribers using gin (multi_5) where multi_5 is not null;
