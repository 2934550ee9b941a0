-- Test messages may go to the client's own users and to the addresses its admins allow here.
-- email_key is the whole address lower-cased (EmailAddress.key), the form compared with.
create table test_recipients (
    id          uuid primary key,
    client_id   uuid not null references clients (id),
    email       varchar(320) not null,
    email_key   varchar(320) not null,
    added_by    varchar(200) not null,
    created_at  timestamp with time zone not null,
    constraint test_recipients_email_key unique (client_id, email_key)
);

-- Test messages sent per client and clock hour (UTC), counted here rather than in each node's
-- memory so that all nodes share one limit; a conditional update takes from it atomically.
create table test_send_counts (
    client_id   uuid not null references clients (id),
    hour_start  timestamp with time zone not null,
    sent        integer not null,
    primary key (client_id, hour_start)
);
