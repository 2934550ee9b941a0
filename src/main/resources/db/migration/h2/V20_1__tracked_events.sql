-- Raw tracking events. On H2 a plain table (PostgreSQL partitions it by month); retention
-- deletes old rows. No foreign keys: the group commit inserts hundreds of rows at a time, and
-- campaign and subscriber ids come from signed tokens.
create table tracked_events (
    id              uuid not null primary key,
    client_id       uuid not null,
    campaign_id     uuid not null,
    subscriber_id   uuid,
    kind            varchar(5) not null,
    link            integer not null,
    at              timestamp with time zone not null,
    source          varchar(20) not null,
    rule            varchar(40) not null,
    provider_group  varchar(10) not null
);
create index tracked_events_campaign_idx on tracked_events (client_id, campaign_id, at);
create index tracked_events_subscriber_idx on tracked_events (client_id, subscriber_id, at);
