-- Analytics rollups, kept up to date as tracking stores its events and delivery settles its
-- batches (docs/analytics.md). Reports, the dashboard and engagement segments read only these:
-- never the raw events. Counts of people are human only; machine hits are counted apart.

-- One row per campaign.
create table campaign_stats (
    campaign_id     uuid primary key,
    client_id       uuid not null references clients (id),
    opens           bigint default 0 not null,
    unique_opens    bigint default 0 not null,
    clicks          bigint default 0 not null,
    unique_clicks   bigint default 0 not null,
    machine_opens   bigint default 0 not null,
    machine_clicks  bigint default 0 not null,
    unsubscribes    bigint default 0 not null,
    hard_bounces    bigint default 0 not null,
    first_sent_at   timestamp with time zone,
    last_event_at   timestamp with time zone
);
create index campaign_stats_client_idx on campaign_stats (client_id);

-- Clicks per link (the link's index in the campaign's content).
create table campaign_link_stats (
    campaign_id     uuid not null,
    link            integer not null,
    client_id       uuid not null references clients (id),
    clicks          bigint default 0 not null,
    unique_clicks   bigint default 0 not null,
    machine_clicks  bigint default 0 not null,
    primary key (campaign_id, link)
);

-- Human opens and clicks per clock hour (UTC); unique ones in the hour of the person's first.
create table campaign_hour_stats (
    campaign_id     uuid not null,
    hour_start      timestamp with time zone not null,
    client_id       uuid not null references clients (id),
    opens           bigint default 0 not null,
    unique_opens    bigint default 0 not null,
    clicks          bigint default 0 not null,
    unique_clicks   bigint default 0 not null,
    primary key (campaign_id, hour_start)
);

-- Per recipient mailbox-provider group (google, microsoft, yahoo, other).
create table campaign_provider_stats (
    campaign_id     uuid not null,
    provider_group  varchar(20) not null,
    client_id       uuid not null references clients (id),
    opens           bigint default 0 not null,
    unique_opens    bigint default 0 not null,
    clicks          bigint default 0 not null,
    unique_clicks   bigint default 0 not null,
    machine_opens   bigint default 0 not null,
    machine_clicks  bigint default 0 not null,
    primary key (campaign_id, provider_group)
);

-- One row per recipient of a campaign: sent (from delivery), first and last human open and
-- click, and an unsubscribe attributed to the campaign. The per-recipient export, the activity
-- timeline and the segment conditions on one campaign read it. Its first_*_at columns are what
-- makes an open or click unique: only the transaction that sets one from null counts it.
create table campaign_recipients (
    campaign_id      uuid not null,
    subscriber_id    uuid not null,
    client_id        uuid not null references clients (id),
    sent_at          timestamp with time zone,
    bounced_at       timestamp with time zone,
    first_open_at    timestamp with time zone,
    last_open_at     timestamp with time zone,
    opens            integer default 0 not null,
    first_click_at   timestamp with time zone,
    last_click_at    timestamp with time zone,
    clicks           integer default 0 not null,
    unsubscribed_at  timestamp with time zone,
    primary key (campaign_id, subscriber_id)
);
-- A subscriber's campaigns, newest first: the timeline and the unsubscribe attribution.
create index campaign_recipients_subscriber_idx on campaign_recipients (client_id, subscriber_id, sent_at);

-- Who clicked which link, so a link's unique clicks count each person once. The row is made
-- first and then counted by moving counted from false to true: an update's row count is exact,
-- where a batch of inserts rewritten into one statement (reWriteBatchedInserts) reports none.
create table campaign_link_clickers (
    campaign_id    uuid not null,
    link           integer not null,
    subscriber_id  uuid not null,
    client_id      uuid not null references clients (id),
    counted        boolean default false not null,
    primary key (campaign_id, link, subscriber_id)
);

-- A subscriber's last human open and click over all campaigns, for "opened within 30 days",
-- "never opened" and the like: one index probe per subscriber a segment looks at.
create table subscriber_engagement (
    client_id      uuid not null references clients (id),
    subscriber_id  uuid not null,
    last_open_at   timestamp with time zone,
    last_click_at  timestamp with time zone,
    primary key (client_id, subscriber_id)
);

-- A client's sending and its consequences per UTC day, for the dashboard's 30-day rates.
create table client_day_stats (
    client_id     uuid not null references clients (id),
    day_start     date not null,
    sent          bigint default 0 not null,
    hard_bounces  bigint default 0 not null,
    unsubscribes  bigint default 0 not null,
    primary key (client_id, day_start)
);
