-- The site module: one row per policy version whose material change is announced by mail. The
-- primary key on the version is what makes the announcement once per version, on any node: the
-- first to insert it runs it, a second delivery of the same event finds it there.
create table site_policy_notices (
    policy_version   integer primary key,
    policy_id        uuid not null,
    summary          varchar(20000),
    published_at     timestamp with time zone not null,
    status           varchar(20) not null,
    -- The campaign of the notices client that carries it, once created.
    campaign_id      uuid,
    -- Confirmed members of the notices list after the refresh, and whom the campaign reached
    -- when it started (the pipeline's own count: suppressed and inactive left out).
    members          bigint,
    members_added    bigint,
    members_removed  bigint,
    recipients       bigint,
    note             varchar(4000),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint site_policy_notices_status_check check (status in ('preparing', 'sending', 'nobody', 'failed'))
);
create unique index site_policy_notices_campaign_idx on site_policy_notices (campaign_id);
