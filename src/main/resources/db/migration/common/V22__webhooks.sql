-- Outgoing webhooks. A client's endpoints, each with the event types it asked for (comma-joined,
-- as the wire names them) and its signing secret, sealed with the secrets key.
create table webhook_endpoints (
    id          uuid primary key,
    client_id   uuid not null references clients (id),
    url         varchar(2000) not null,
    events      varchar(200) not null,
    secret      varchar(400) not null,
    created_at  timestamp with time zone not null
);
create index webhook_endpoints_client_idx on webhook_endpoints (client_id, created_at);

-- The durable outbox: one row per event and endpoint, written in the transaction of what caused
-- the event, deleted once the endpoint took it or the retries gave up (the log below keeps what
-- happened). No foreign key to the endpoint: an endpoint deleted while a send or a hit is being
-- stored must not fail that transaction; rows left without an endpoint are dropped when due.
-- A claim moves next_attempt_at past the lease and marks the row with its token: a node that dies
-- leaves the row due again when its lease ends.
create table webhook_outbox (
    id               uuid primary key,
    client_id        uuid not null,
    endpoint_id      uuid not null,
    event_type       varchar(20) not null,
    body             varchar(16000) not null,
    attempts         integer default 0 not null,
    created_at       timestamp with time zone not null,
    next_attempt_at  timestamp with time zone not null,
    lease_token      varchar(36)
);
create index webhook_outbox_due_idx on webhook_outbox (next_attempt_at);
create index webhook_outbox_endpoint_idx on webhook_outbox (endpoint_id);

-- Every attempt, per endpoint, for the delivery log; message_id is the outbox row's id (the
-- webhook-id header), which stays in the log after the row is gone.
create table webhook_deliveries (
    id           uuid primary key,
    client_id    uuid not null,
    endpoint_id  uuid not null,
    message_id   uuid not null,
    event_type   varchar(20) not null,
    attempt      integer not null,
    at           timestamp with time zone not null,
    status_code  integer,
    response_ms  integer,
    error        varchar(300),
    outcome      varchar(10) not null,
    constraint webhook_deliveries_outcome_check check (outcome in ('delivered', 'retrying', 'failed'))
);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (client_id, endpoint_id, at, id);
create index webhook_deliveries_at_idx on webhook_deliveries (at);
