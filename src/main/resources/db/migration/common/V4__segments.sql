-- Saved segments: an expression in the segment language, evaluated when used (dynamic).
create table segments (
    id          uuid primary key,
    client_id   uuid not null references clients (id),
    name        varchar(200) not null,
    expression  varchar(10000) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint segments_name_key unique (client_id, name)
);
