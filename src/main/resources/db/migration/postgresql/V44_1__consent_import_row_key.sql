-- One ledger row per import and client: a resumed or retried import finds the row it wrote and
-- cannot add a second (ConsentStore inserts it with "on conflict do nothing"). Partial, so the
-- per-person rows add no entries. The append-only trigger and the tenant policy of V2_1 cover
-- these rows like any other: the app role inserts them and nobody updates them.
create unique index consent_events_import_key on consent_events (client_id, source_id) where subscriber_id is null;

-- A membership's link to its import's row and line is that person's evidence, so it is as
-- immutable as a ledger row: set when the membership is inserted, never changed. The trigger fires
-- only for an UPDATE that names these columns (status changes and the import's inserts do not).
create function optline_membership_consent_is_fixed() returns trigger
    language plpgsql
    as $$
    begin
        if new.consent_event_id is distinct from old.consent_event_id
           or new.consent_line is distinct from old.consent_line then
            raise exception 'list_memberships.consent_event_id and consent_line are fixed';
        end if;
        return new;
    end $$;

create trigger list_memberships_consent_fixed
    before update of consent_event_id, consent_line on list_memberships
    for each row execute function optline_membership_consent_is_fixed();
