-- Multi-valued fields as array columns of subscribers (see the PostgreSQL V45_1 and
-- docs/audience.md). H2 has no GIN index: has / has any / has all read the client's rows.
alter table subscribers add column multi_1 varchar(200) array;
alter table subscribers add column multi_2 varchar(200) array;
alter table subscribers add column multi_3 varchar(200) array;
alter table subscribers add column multi_4 varchar(200) array;
alter table subscribers add column multi_5 varchar(200) array;

-- Each client's multi fields take multi_1, multi_2 … in the order they were created; more than
-- five stop the migration at the check (as on PostgreSQL).
update custom_fields f set slot = 'multi_' || (
    select count(*) from custom_fields o
    where o.client_id = f.client_id and o.field_type = 'multi'
      and (o.created_at < f.created_at or (o.created_at = f.created_at and o.id <= f.id)))
where f.field_type = 'multi';
alter table custom_fields add constraint custom_fields_multi_slot_check
    check (field_type <> 'multi' or slot in ('multi_1', 'multi_2', 'multi_3', 'multi_4', 'multi_5'));
alter table custom_fields add constraint custom_fields_slot_key unique (client_id, slot);

-- The values, sorted and distinct; a field without values leaves its column null.
update subscribers s set
    multi_1 = (select array_agg(distinct t.tag order by t.tag) from subscriber_tags t join custom_fields f
               on f.id = t.field_id where f.slot = 'multi_1' and t.client_id = s.client_id and t.subscriber_id = s.id),
    multi_2 = (select array_agg(distinct t.tag order by t.tag) from subscriber_tags t join custom_fields f
               on f.id = t.field_id where f.slot = 'multi_2' and t.client_id = s.client_id and t.subscriber_id = s.id),
    multi_3 = (select array_agg(distinct t.tag order by t.tag) from subscriber_tags t join custom_fields f
               on f.id = t.field_id where f.slot = 'multi_3' and t.client_id = s.client_id and t.subscriber_id = s.id),
    multi_4 = (select array_agg(distinct t.tag order by t.tag) from subscriber_tags t join custom_fields f
               on f.id = t.field_id where f.slot = 'multi_4' and t.client_id = s.client_id and t.subscriber_id = s.id),
    multi_5 = (select array_agg(distinct t.tag order by t.tag) from subscriber_tags t join custom_fields f
               on f.id = t.field_id where f.slot = 'multi_5' and t.client_id = s.client_id and t.subscriber_id = s.id)
where exists (select 1 from subscriber_tags t where t.client_id = s.client_id and t.subscriber_id = s.id);

drop table subscriber_tags;
