-- Client standing (docs/compliance.md): the compliance module's own daily and per-campaign
-- counters, kept from other modules' events (MessagesSettled, BounceReceived, ComplaintReceived,
-- SubscriberUnsubscribed), so that reading a client's 30-day rates is a sum over at most 30 rows
-- and never a scan of raw events.

create table standing_days (
    client_id       uuid not null references clients (id),
    day_start       date not null,
    -- messages handed to a receiving server that answered for good: delivered + refused at send time
    sent            bigint default 0 not null,
    hard_bounces    bigint default 0 not null,
    unknown_users   bigint default 0 not null,
    complaints      bigint default 0 not null,
    unsubscribes    bigint default 0 not null,
    primary key (client_id, day_start)
);

create table standing_campaigns (
    client_id       uuid not null references clients (id),
    campaign_id     uuid not null,
    sent            bigint default 0 not null,
    hard_bounces    bigint default 0 not null,
    unknown_users   bigint default 0 not null,
    complaints      bigint default 0 not null,
    -- ok, warn or pause: the level the monitor last acted on; a move to pause is what stops the
    -- campaign, so two nodes moving it at once act once (the update guards on the old level).
    level           varchar(8) default 'ok' not null,
    updated_at      timestamp with time zone,
    primary key (client_id, campaign_id)
);

-- The level the monitor last acted on per client, as for campaigns: a client is paused when its
-- level moves to pause, not again while it stays there (an operator who reinstates it decides).
create table standing_levels (
    client_id       uuid primary key references clients (id),
    level           varchar(8) not null,
    changed_at      timestamp with time zone not null
);

-- Unsubscribes (every list, or by complaint) watched for a message that still reached the person.
create table standing_unsubscribes (
    client_id       uuid not null references clients (id),
    subscriber_id   uuid not null,
    unsubscribed_at timestamp with time zone not null,
    source          varchar(32) not null,
    late_sends      bigint default 0 not null,
    last_late_send_at timestamp with time zone,
    primary key (client_id, subscriber_id)
);
create index standing_unsubscribes_at_idx on standing_unsubscribes (client_id, unsubscribed_at);

-- What the operator is told: a level crossed by a client or campaign, a message sent after an
-- unsubscribe. dedupe_key makes the same alert from two nodes (or twice in a day) one row.
create table standing_alerts (
    id              uuid primary key,
    client_id       uuid not null references clients (id),
    campaign_id     uuid,
    kind            varchar(32) not null,
    level           varchar(8) not null,
    detail          varchar(2000) not null,
    raised_at       timestamp with time zone not null,
    dedupe_key      varchar(200) not null,
    constraint standing_alerts_dedupe_key unique (dedupe_key)
);
create index standing_alerts_raised_idx on standing_alerts (raised_at, id);
create index standing_alerts_client_idx on standing_alerts (client_id, raised_at);
