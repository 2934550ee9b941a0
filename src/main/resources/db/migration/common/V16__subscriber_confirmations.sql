-- A confirmation mailed to a subscriber's address: the only way to widen what someone receives
-- (come back after leaving, bouncing or complaining; join a double opt-in list). The signed link
-- in the mail names the row's id; the rows (one per list asked for) are deleted when the link is
-- followed, when the subscriber opts out or is suppressed, and when they expire, so a link works
-- once and never after a later unsubscribe. Nothing the client can read carries such a link.
create table subscriber_confirmations (
    id             uuid not null,
    client_id      uuid not null references clients (id),
    subscriber_id  uuid not null references subscribers (id) on delete cascade,
    list_id        uuid not null references lists (id) on delete cascade,
    created_at     timestamp with time zone not null,
    constraint subscriber_confirmations_pk primary key (id, list_id)
);
create index subscriber_confirmations_subscriber_idx on subscriber_confirmations (subscriber_id);
create index subscriber_confirmations_client_created_idx on subscriber_confirmations (client_id, created_at);

-- Platform-held mail (confirmations) names the client it was sent for, so that client's erasure
-- of an address deletes it and no other client's. Null for client mail and for older rows.
alter table outbox_messages add column on_behalf_of uuid;
