-- Every message the inbound SMTP listener accepted (and every one fed through the raw API), stored
-- before the sender is answered 250, then classified and acted on by a worker on any node.
--
-- A platform table, not a client's: when a message arrives nobody knows yet which client it is
-- about (that takes parsing the bounce or report and matching it to a send), and a message may name
-- no client at all. So it has no client_id to filter by and no row-level security; client_id below
-- is the result of processing, set in the transaction that recorded the message's effects.
--
-- state: received -> processed | unprocessable. A worker claims a received row by writing its
-- lease_token and moving next_attempt_at to the end of its lease; a failed attempt clears the
-- token and sets next_attempt_at by the backoff; a node that dies leaves its claims due once their
-- lease has passed. sha256 is the SHA-256 of the raw bytes; dedupe_key, the SHA-256 of the envelope
-- recipients and the bytes, keeps a message that is delivered twice (a sender's retry after a lost
-- 250) stored once, while the same bytes sent to two VERP addresses stay two messages: the envelope
-- recipient is what names the send a bounce is about.
create table inbound_messages (
    id               uuid primary key,
    sha256           varchar(64) not null,
    dedupe_key       varchar(64) not null,
    received_at      timestamp with time zone not null,
    remote_address   varchar(100),
    mail_from        varchar(500) not null,
    recipients       varchar(20000) not null,
    size_bytes       integer not null,
    raw              bytea not null,
    state            varchar(15) not null,
    attempts         integer not null default 0,
    next_attempt_at  timestamp with time zone not null,
    lease_token      uuid,
    last_error       varchar(2000),
    result_kind      varchar(30),
    result_recipient varchar(500),
    result_status    varchar(100),
    result_action    varchar(500),
    client_id        uuid,
    processed_at     timestamp with time zone,
    constraint inbound_messages_dedupe_key unique (dedupe_key),
    constraint inbound_messages_state_check check (state in ('received', 'processed', 'unprocessable'))
);
-- The processing poll: received rows by when they are due.
create index inbound_messages_due_idx on inbound_messages (state, next_attempt_at);
