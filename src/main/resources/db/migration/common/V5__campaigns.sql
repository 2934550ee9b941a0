-- Campaign content. Lists and segments belong to other modules and are referenced by id only
-- (checked through their modules' APIs when a campaign is saved).
create table templates (
    id          uuid primary key,
    client_id   uuid not null references clients (id),
    name        varchar(200) not null,
    html        varchar(500000) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint templates_name_key unique (client_id, name)
);

create table campaigns (
    id            uuid primary key,
    client_id     uuid not null references clients (id),
    name          varchar(200) not null,
    subject       varchar(998) not null,
    preheader     varchar(500),
    from_name     varchar(200) not null,
    from_email    varchar(320) not null,
    reply_to      varchar(320),
    html          varchar(500000) not null,
    text_body     varchar(500000),
    template_id   uuid references templates (id) on delete set null,
    segment_id    uuid,
    status        varchar(20) not null,
    scheduled_at  timestamp with time zone,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    constraint campaigns_status_check check (status in ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'))
);
create index campaigns_client_idx on campaigns (client_id, created_at, id);

create table campaign_lists (
    campaign_id  uuid not null references campaigns (id) on delete cascade,
    client_id    uuid not null,
    list_id      uuid not null,
    constraint campaign_lists_pk primary key (campaign_id, list_id)
);
