-- Whether the subscriber may see and correct a custom field in the preference centre. Fields are
-- the client's own data about a person (a VIP flag, a score) unless the client says otherwise, so
-- a new field is not editable. Fields defined before this column are set in V26_1: the usual name
-- fields stay editable as they were, every other field becomes internal.
alter table custom_fields add column subscriber_editable boolean default false not null;
