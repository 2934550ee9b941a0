-- Tracking events stored but not yet handed to their listeners (rollups, webhooks). The
-- group-commit writer inserts each event here and into tracked_events in one transaction; the
-- fan-out takes them oldest first, in chunks, and deletes them in the transaction that carries
-- the listeners' writes, so every event reaches the listeners exactly once, on any node, and a
-- crash in between leaves them here for the next pass. The numbering orders the queue and gives
-- the fan-out an index to take from without scanning what it has already deleted.
create table tracked_events_pending (
    seq             bigint generated always as identity primary key,
    id              uuid not null,
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
