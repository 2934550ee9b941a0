-- The privacy policy, one row per published version. The platform's own text, owned by no client:
-- every visitor reads it. A version is never changed or removed once published, so the list of
-- versions is the record of what the policy said when; the application has no update or delete.
create table site_policies (
    id                 uuid primary key,
    version            integer        not null,
    -- The policy as its author wrote it (Markdown); it is rendered and sanitised when shown.
    body               varchar(100000) not null,
    -- A material change is mailed to every user and subscriber; any later version is announced on the home page.
    material           boolean        not null,
    -- What changed, one plain line for the home page's notice and the mail.
    summary            varchar(500),
    published_at       timestamp with time zone not null,
    -- The operator's user id (null for an API key or for the version shipped with Optline) and name as shown then.
    published_by       uuid,
    published_by_label varchar(300)   not null,
    -- Two operators publishing at once compute the same next number: one insert wins, the other retries.
    constraint site_policies_version_key unique (version),
    constraint site_policies_version_check check (version >= 1)
);
