-- Platform secrets (the token-signing key), created once by whichever node starts first.
create table platform_secrets (
    name        varchar(50) primary key,
    secret      varchar(200) not null,
    created_at  timestamp with time zone not null
);

-- One public subscription form per list. The consent text is versioned: every change bumps
-- consent_version, and each consent event records the text and version the person was shown.
create table subscription_forms (
    id               uuid primary key,
    client_id        uuid not null references clients (id),
    list_id          uuid not null references lists (id) on delete cascade,
    enabled          boolean not null,
    title            varchar(200) not null,
    intro            varchar(2000),
    field_keys       varchar(2000) not null,
    consent_text     varchar(4000) not null,
    consent_version  integer not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint subscription_forms_list_key unique (list_id)
);

-- The built-in capture transport: messages are stored here instead of being sent.
create table outbox_messages (
    id             uuid primary key,
    client_id      uuid,
    campaign_id    uuid,
    kind           varchar(20) not null,
    envelope_from  varchar(320) not null,
    recipient      varchar(320) not null,
    subject        varchar(1000) not null,
    raw            varchar(1000000) not null,
    created_at     timestamp with time zone not null
);
create index outbox_messages_client_idx on outbox_messages (client_id, created_at, id);
