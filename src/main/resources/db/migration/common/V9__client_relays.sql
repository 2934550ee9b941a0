-- A client's own SMTP relay (smarthost); without a row the client's mail uses the platform's
-- transport. The password is kept as given (like DKIM keys, encryption at rest is still to come)
-- and is never returned by the API or shown in the UI.
create table client_relays (
    client_id                    uuid primary key references clients (id),
    host                         varchar(253) not null,
    port                         integer not null,
    tls                          varchar(10) not null,
    username                     varchar(200),
    password                     varchar(500),
    max_connections              integer not null,
    max_messages_per_connection  integer not null,
    max_rate                     double precision not null,
    updated_at                   timestamp with time zone not null,
    constraint client_relays_tls_check check (tls in ('none', 'starttls', 'implicit'))
);
