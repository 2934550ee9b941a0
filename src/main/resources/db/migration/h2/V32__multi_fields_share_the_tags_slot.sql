-- Every multi-valued field has the slot "tags" (its values are rows of subscriber_tags, told apart
-- by field), so a slot is unique per client only among the typed columns: the claim is the slot,
-- or for a multi field "tags:" and its key. Before, a client's second multi field broke the
-- unique key on (client_id, slot).
alter table custom_fields drop constraint custom_fields_slot_key;
alter table custom_fields add column slot_claim varchar(80)
    generated always as (case when slot = 'tags' then 'tags:' || field_key else slot end);
alter table custom_fields add constraint custom_fields_slot_key unique (client_id, slot_claim);
