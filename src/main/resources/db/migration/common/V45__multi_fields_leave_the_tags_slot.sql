-- Multi-valued fields leave subscriber_tags for array columns of subscribers (multi_1 .. multi_5,
-- added and filled per database in V45_1, which also gives every multi field its own slot). With a
-- column each, a slot is unique per client again for every type: the claim V32 needed ("tags:" and
-- the key for multi fields) goes, and V45_1 puts the key back on (client_id, slot).
alter table custom_fields drop constraint custom_fields_slot_key;
alter table custom_fields drop column slot_claim;
