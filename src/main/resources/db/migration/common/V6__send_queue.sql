-- The delivery module's send queue: one row per (campaign, subscriber), which is what makes a
-- restart, a pause or a second node unable to mail anyone twice or skip anyone.
create table send_jobs (
    campaign_id      uuid primary key,
    client_id        uuid not null,
    recipients       bigint not null,
    materialized_at  timestamp with time zone not null,
    finished_at      timestamp with time zone
);

create table send_queue (
    campaign_id    uuid not null references send_jobs (campaign_id) on delete cascade,
    client_id      uuid not null,
    subscriber_id  uuid not null,
    state          varchar(12) not null,
    lease_token    varchar(36),
    lease_until    timestamp with time zone,
    updated_at     timestamp with time zone not null,
    constraint send_queue_pk primary key (campaign_id, subscriber_id),
    constraint send_queue_state_check check (state in ('queued', 'sending', 'sent', 'failed', 'suppressed'))
);
create index send_queue_work_idx on send_queue (campaign_id, state, subscriber_id);

-- Captured campaign mail carries its headers in raw; the envelope sender is per recipient (VERP).
