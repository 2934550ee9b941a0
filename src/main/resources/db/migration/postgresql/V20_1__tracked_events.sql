-- Raw tracking events, partitioned by month so that old months drop whole (retention) and a
-- month's queries touch one partition. The partitions themselves are made by the application
-- (EventPartitions) for the current month and a few ahead, at start and every few hours. The
-- primary key must hold the partition key, hence (at, id). No foreign keys: the group commit
-- inserts hundreds of rows at a time, and campaign and subscriber ids come from signed tokens.
create table tracked_events (
    id              uuid not null,
    client_id       uuid not null,
    campaign_id     uuid not null,
    subscriber_id   uuid,
    kind            varchar(5) not null,
    link            integer not null,
    at              timestamp with time zone not null,
    source          varchar(20) not null,
    rule            varchar(40) not null,
    provider_group  varchar(10) not null,
    constraint tracked_events_pk primary key (at, id)
) partition by range (at);
create index tracked_events_campaign_idx on tracked_events (client_id, campaign_id, at);
create index tracked_events_subscriber_idx on tracked_events (client_id, subscriber_id, at);

-- Row-level security as everywhere. The group-commit writer inserts many clients' events in one
-- transaction in the platform scope, which the policies allow; client work sees its own rows.
alter table tracked_events enable row level security;
alter table tracked_events force row level security;
create policy tracked_events_tenant on tracked_events
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table tracked_campaigns enable row level security;
alter table tracked_campaigns force row level security;
create policy tracked_campaigns_tenant on tracked_campaigns
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table tracked_links enable row level security;
alter table tracked_links force row level security;
create policy tracked_links_tenant on tracked_links
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
