-- The foreign keys that an import's rows met: each inserted row fired a trigger that ran
-- SELECT ... FOR KEY SHARE on its parent (the client for a subscriber; the list and the
-- subscriber for a membership; the field and the subscriber for a tag), 6.8 such probes per CSV
-- row, 40 % of a set-based import's time, and the probes on new subscribers locked and rewrote
-- every row just inserted. Integrity is kept instead by the code (docs/audience.md, "Integrity
-- without foreign keys"): writers lock each parent once per transaction FOR KEY SHARE
-- (audience.subscribers.ParentLocks), deleters lock the parent FOR UPDATE and delete its dependents
-- explicitly in the same transaction (what ON DELETE CASCADE did), and audience.Orphans counts what
-- a key would have refused. H2 keeps these keys: it has no FOR KEY SHARE, and its installations
-- are small.
alter table subscribers drop constraint subscribers_client_id_fkey;
alter table list_memberships drop constraint list_memberships_list_id_fkey;
alter table list_memberships drop constraint list_memberships_subscriber_id_fkey;
alter table subscriber_tags drop constraint subscriber_tags_field_id_fkey;
alter table subscriber_tags drop constraint subscriber_tags_subscriber_id_fkey;
