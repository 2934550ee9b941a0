-- A sending domain belongs to one client. A claim names the client whose row holds the name; the
-- primary key keeps two clients from holding the same name, and SendingDomains refuses a name
-- above or below another client's claim (mail.example.com against example.com) while it holds
-- the single row of sending_domain_claim_turns, so that two claims never pass that check at once.
-- Rows of sending_domains without a claim (two clients had added the same name before V19) stay
-- listed but never sign, verify or send through a relay. Filled per vendor in V19_1.
create table sending_domain_claims (
    domain      varchar(253) primary key,
    client_id   uuid not null references clients (id),
    domain_id   uuid not null unique references sending_domains (id),
    claimed_at  timestamp with time zone not null
);
create index sending_domain_claims_client on sending_domain_claims (client_id);

create table sending_domain_claim_turns (
    id      integer primary key,
    claims  bigint not null
);
insert into sending_domain_claim_turns (id, claims) values (1, 0);

-- The last DNS check of the domain's records: published, missing, different (DKIM: another key)
-- or unanswered (no answer in time). verified_at is set while the DKIM record matches.
alter table sending_domains add column checked_at timestamp with time zone;
alter table sending_domains add column dkim_check varchar(20);
alter table sending_domains add column spf_check varchar(20);
alter table sending_domains add column dmarc_check varchar(20);
