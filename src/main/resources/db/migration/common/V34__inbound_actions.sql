-- What inbound mail did for a client: bounces and complaints matched to a send, replies kept,
-- and each client's soft-bounce policy. inbound_message_id is the inbound store's id of the
-- message that caused the row: unique, so a message processed twice records nothing twice.

create table inbound_bounces (
    id                  uuid primary key,
    client_id           uuid not null references clients (id),
    subscriber_id       uuid not null,
    campaign_id         uuid,
    inbound_message_id  uuid not null,
    hard                boolean not null,
    -- A 5.7.x policy refusal that blames the sender (STANDARDS 22): recorded, the recipient not suppressed.
    sender_blamed       boolean not null,
    suppressed          boolean not null,
    status              varchar(20),
    diagnostic          varchar(1000),
    received_at         timestamp with time zone not null,
    constraint inbound_bounces_message_key unique (inbound_message_id)
);
-- The soft-bounce policy counts one subscriber's recent soft bounces.
create index inbound_bounces_subscriber_idx on inbound_bounces (client_id, subscriber_id, received_at);

create table inbound_complaints (
    id                  uuid primary key,
    client_id           uuid not null references clients (id),
    subscriber_id       uuid not null,
    campaign_id         uuid,
    inbound_message_id  uuid not null,
    feedback_type       varchar(40),
    user_agent          varchar(500),
    -- The report's fields and the returned headers, never the original body.
    report              varchar(8000),
    received_at         timestamp with time zone not null,
    constraint inbound_complaints_message_key unique (inbound_message_id)
);
create index inbound_complaints_client_idx on inbound_complaints (client_id, received_at, id);

create table inbound_replies (
    id                  uuid primary key,
    client_id           uuid not null references clients (id),
    subscriber_id       uuid not null,
    campaign_id         uuid,
    inbound_message_id  uuid not null,
    from_address        varchar(320),
    subject             varchar(1000),
    text_body           varchar(16000),
    received_at         timestamp with time zone not null,
    forwarded_to        varchar(320),
    forwarded_at        timestamp with time zone,
    constraint inbound_replies_message_key unique (inbound_message_id)
);
-- The replies page and API: newest first, by keyset.
create index inbound_replies_client_idx on inbound_replies (client_id, received_at, id);

-- A client's soft-bounce policy; no row: the defaults (5 within 30 days).
create table bounce_policies (
    client_id          uuid primary key references clients (id),
    soft_bounce_limit  integer not null,
    soft_bounce_days   integer not null,
    updated_at         timestamp with time zone not null
);
