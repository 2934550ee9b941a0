-- A client's sending domains with their DKIM keys (rsa-sha256, 2048 bits). The private key is kept
-- here PKCS#8-encoded; encryption at rest comes with the delivery engine's key management.
create table sending_domains (
    id           uuid primary key,
    client_id    uuid not null references clients (id),
    domain       varchar(253) not null,
    selector     varchar(63) not null,
    private_key  varchar(4000) not null,
    public_key   varchar(1000) not null,
    created_at   timestamp with time zone not null,
    verified_at  timestamp with time zone,
    constraint sending_domains_key unique (client_id, domain)
);
