-- Claims by range. A lane no longer marks each row it takes: it moves the job's cursor past the
-- next batch of subscriber ids and records that range in send_claims, with its lease. The queue
-- row is written once, when it settles, and no index names its state, so PostgreSQL can write that
-- version beside the old one without touching an index (a HOT update). Before, the claim and the
-- settle each rewrote the row and every index, and PostgreSQL cost more per message than Optline.
--
-- A row is then in exactly one of these places until it settles:
--   beyond the job's cursor (fresh_after)       state 'queued', next_attempt_at null
--   inside a claimed range (send_claims)        state 'queued', next_attempt_at null
--   waiting for a retry (deferred or throttled) next_attempt_at set; claimed row by row by lease_token
alter table send_jobs add column fresh_after uuid;
alter table send_jobs add column fresh_done boolean default false not null;

create table send_claims (
    token        varchar(36) primary key,
    campaign_id  uuid not null references send_jobs (campaign_id) on delete cascade,
    client_id    uuid not null,
    after_id     uuid,
    last_id      uuid not null,
    lease_until  timestamp with time zone
);
create index send_claims_campaign_idx on send_claims (campaign_id, lease_until);

-- Queues left by the earlier layout are brought over in the vendor migrations (V12_1): on
-- PostgreSQL the update must run in the platform scope, or row-level security hides every row.
drop index send_queue_work_idx;
