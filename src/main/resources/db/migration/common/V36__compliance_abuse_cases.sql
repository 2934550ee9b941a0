-- The abuse desk (docs/compliance.md): cases, the complaints each gathers, and the notes and
-- state moves on each. All client-owned: client_id on every row and in every query.

create table abuse_cases (
    id                 uuid primary key,
    client_id          uuid not null references clients (id),
    -- Null: a case about the client's mail where no campaign is known (only the subscriber).
    campaign_id        uuid,
    state              varchar(20) not null check (state in ('open', 'investigating', 'resolved')),
    resolution         varchar(30) check (resolution in ('no_action', 'client_warned', 'client_suspended', 'client_terminated')),
    -- 1 low, 2 medium, 3 high: a number so that the desk orders by it.
    severity           integer not null check (severity between 1 and 3),
    complaints         integer not null,
    -- The campaign (or 'none') while the case is not resolved, null after: one unresolved case per
    -- client and campaign, which complaints arriving together on several nodes join instead of
    -- each opening their own (the unique key below, with insert ... on conflict do nothing).
    open_key           varchar(40),
    -- The warning the client reads beside its complaints (resolution client_warned).
    client_note        varchar(4000),
    opened_at          timestamp with time zone not null,
    last_complaint_at  timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    resolved_at        timestamp with time zone,
    constraint abuse_cases_open_key unique (client_id, open_key)
);
-- The desk's list: by severity, then oldest first.
create index abuse_cases_desk_idx on abuse_cases (severity, opened_at, id);
create index abuse_cases_client_idx on abuse_cases (client_id, severity, opened_at, id);

create table abuse_complaints (
    id                 uuid primary key,
    client_id          uuid not null references clients (id),
    case_id            uuid not null references abuse_cases (id),
    -- feedback_loop (an ARF report through inbound), reply (a complaint in a reply, through inbound),
    -- operator (entered at the desk), abuse_form (the site).
    source             varchar(20) not null check (source in ('feedback_loop', 'reply', 'operator', 'abuse_form')),
    -- Null once the subscriber is erased, or when the address is not one of the client's subscribers.
    subscriber_id      uuid,
    email              varchar(320),
    campaign_id        uuid,
    feedback_type      varchar(40) not null,
    user_agent         varchar(500),
    -- The report's fields and returned headers (feedback loop) or the excerpt given; never shown to the client.
    report             varchar(8000),
    -- Who reported through the site's abuse form: operator eyes only.
    reporter_name      varchar(200),
    reporter_email     varchar(320),
    reporter_ip        varchar(64),
    received_at        timestamp with time zone not null,
    erased_at          timestamp with time zone
);
create index abuse_complaints_case_idx on abuse_complaints (case_id, received_at);
-- The client's complaints page and API: newest first, by keyset; erasure finds a subscriber's rows.
create index abuse_complaints_client_idx on abuse_complaints (client_id, received_at, id);
create index abuse_complaints_subscriber_idx on abuse_complaints (client_id, subscriber_id);

create table abuse_case_notes (
    id                 uuid primary key,
    client_id          uuid not null references clients (id),
    case_id            uuid not null references abuse_cases (id),
    at                 timestamp with time zone not null,
    author             varchar(200) not null,
    -- note (an operator's words), state (a move, with its note), opened / joined (a complaint came in).
    kind               varchar(20) not null check (kind in ('note', 'state', 'opened', 'joined')),
    from_state         varchar(20),
    to_state           varchar(20),
    resolution         varchar(30),
    text               varchar(4000)
);
create index abuse_case_notes_case_idx on abuse_case_notes (case_id, at);
