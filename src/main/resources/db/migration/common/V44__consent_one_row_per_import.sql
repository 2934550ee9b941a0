-- An import's consent evidence is one consent_events row for the whole import, not one per person:
-- event 'imported', source_kind 'import', source_id the import's id, consent_text the client's
-- attestation, detail the file's hash and who attested, and no subscriber (the row holds nothing
-- about any one person, so erasing a person leaves it). Each membership the import creates points
-- at that row and names its line of the file, which together are the per-person evidence the
-- ledger readers show as before ("line N of file sha256:..., attested by ..."). Rows written per
-- person before this stay as they are; the readers show both kinds. See docs/audience.md.
alter table consent_events alter column subscriber_id drop not null;
alter table consent_events add constraint consent_events_subscriber_check
    check (subscriber_id is not null or (event = 'imported' and source_kind = 'import' and source_id is not null));

-- No foreign key and no index: nothing looks a membership up by its consent row, and a per-row
-- key check on the bulk path is what the import avoids (see docs/audience.md).
alter table list_memberships add column consent_event_id bigint;
alter table list_memberships add column consent_line bigint;
alter table list_memberships add constraint list_memberships_consent_check
    check ((consent_event_id is null and consent_line is null) or (consent_event_id is not null and consent_line is not null));
