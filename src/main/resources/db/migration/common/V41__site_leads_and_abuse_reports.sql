-- The site's forms (docs/site.md): leads from the contact form and reports from the abuse form.
-- Both are the platform's own records, read by operators only; neither keeps any part of the
-- visitor's IP address.

create table site_leads (
    id              uuid primary key,
    -- What the visitor is told and quotes back: L- and eight letters or digits.
    reference       varchar(12) not null,
    name            varchar(200) not null,
    email           varchar(320) not null,
    company         varchar(200) not null,
    phone           varchar(40),
    message         varchar(5000) not null,
    -- The sentence the visitor ticked, as it read then.
    consent_text    varchar(500) not null,
    status          varchar(10) not null check (status in ('new', 'answered')),
    created_at      timestamp with time zone not null,
    answered_at     timestamp with time zone,
    answered_by     varchar(200),
    answer_note     varchar(4000),
    constraint site_leads_reference unique (reference)
);
-- The console's list: newest first within a status.
create index site_leads_status_idx on site_leads (status, created_at, id);
create index site_leads_created_idx on site_leads (created_at, id);

create table site_abuse_reports (
    id                 uuid primary key,
    -- R- and eight letters or digits.
    reference          varchar(12) not null,
    reporter_email     varchar(320) not null,
    note               varchar(4000),
    -- The message or headers as pasted, kept so that an operator can match it by hand.
    pasted             varchar(100000) not null,
    -- matched: a case was opened or joined (case_id); unmatched: nothing named a sender here.
    outcome            varchar(10) not null check (outcome in ('matched', 'unmatched')),
    matched_client     uuid,
    matched_campaign   uuid,
    case_id            uuid,
    -- Which piece of the paste named the sender (a Message-ID, a tracking link, ...).
    matched_by         varchar(100),
    created_at         timestamp with time zone not null,
    constraint site_abuse_reports_reference unique (reference)
);
create index site_abuse_reports_outcome_idx on site_abuse_reports (outcome, created_at, id);
create index site_abuse_reports_created_idx on site_abuse_reports (created_at, id);
