-- One ledger row per import and client: a resumed or retried import finds the row it wrote and
-- cannot add a second (ConsentStore inserts it with "on conflict do nothing"). Partial, so the
-- per-person rows add no entries. The append-only trigger and the tenant policy of V2_1 cover
-- these rows like any other: the app role inserts them and nobody updates them.
create unique index consent_events_import_key on consent_events (client_id, source_id) where subscriber_id is null;
