-- Open and click tracking. A campaign may switch tracking off (the campaign module's column).
alter table campaigns add column tracking boolean not null default true;

-- The campaigns tracking has started for, written by the first batch any node sends.
create table tracked_campaigns (
    campaign_id  uuid primary key,
    client_id    uuid not null references clients (id),
    created_at   timestamp with time zone not null
);

-- Each tracked campaign's link targets, numbered as the tokens number them. The redirect goes
-- only to an address stored here, never to one taken from the request.
create table tracked_links (
    campaign_id  uuid not null references tracked_campaigns (campaign_id) on delete cascade,
    client_id    uuid not null,
    link         integer not null,
    url          varchar(4000) not null,
    constraint tracked_links_pk primary key (campaign_id, link)
);
