-- name: job
select recipients, finished_at from send_jobs where client_id = :clientId and campaign_id = :campaignId

-- name: insert-job
insert into send_jobs (campaign_id, client_id, recipients, materialized_at) values (:campaignId, :clientId, 0, :at)

-- name: fill-queue
-- Followed by the campaign's recipient selection (audience's RecipientSelection) in subscriber
-- order, the order lanes claim ranges in: each batch's rows then lie together on a few pages,
-- which its claim reads and its settle rewrites, and the primary key takes each row at the end of
-- the campaign's part of it instead of splitting pages all over (docs/delivery.md).
insert into send_queue (campaign_id, client_id, subscriber_id, state, updated_at)
select :queueCampaign, s.client_id, s.id, 'queued', :queueNow

-- name: set-recipients
update send_jobs set recipients = :recipients where client_id = :clientId and campaign_id = :campaignId

-- name: analyze
-- After filling a large queue: the planner must know how large it is.
analyze send_queue

-- Claims. A batch is one of these kinds, tried in this order until one yields rows: deferred
-- retries whose time has come, the next range of fresh rows past the job's cursor, throttled
-- rows whose wait is over, and a range whose lease ran out (a node died) or that was handed back
-- (a pause).

-- name: cursor
-- The job's row lock orders the lanes and nodes that move the cursor: each gets its own range.
-- No row once the fresh rows are all handed out, and then no lock either.
select fresh_after from send_jobs where client_id = :clientId and campaign_id = :campaignId and not fresh_done for update

-- name: fresh-first
-- The queued rows from the start, or after the cursor: neither has an upper bound.
select subscriber_id from send_queue
where campaign_id = :campaignId and client_id = :clientId and state = 'queued' and next_attempt_at is null
order by subscriber_id limit :limit

-- name: fresh-next
select subscriber_id from send_queue
where campaign_id = :campaignId and client_id = :clientId and subscriber_id > :after and state = 'queued' and next_attempt_at is null
order by subscriber_id limit :limit

-- name: move-cursor
update send_jobs set fresh_after = :last where client_id = :clientId and campaign_id = :campaignId

-- name: fresh-done
update send_jobs set fresh_done = true where client_id = :clientId and campaign_id = :campaignId

-- name: insert-claim
-- A claimed range; with a null lease (the rest of a split range) any lane may take it.
insert into send_claims (token, campaign_id, client_id, after_id, last_id, lease_until)
values (:token, :campaignId, :clientId, :after, :last, :leaseUntil)

-- name: lapsed-claim-postgresql
-- A lease that ran out, or none (handed back); SKIP LOCKED so two nodes take different ones.
select token, after_id, last_id from send_claims
where campaign_id = :campaignId and client_id = :clientId and (lease_until is null or lease_until < :now)
order by last_id limit 1 for update skip locked

-- name: lapsed-claim-h2
select token, after_id, last_id from send_claims
where campaign_id = :campaignId and client_id = :clientId and (lease_until is null or lease_until < :now)
order by last_id limit 1 for update

-- name: take-claim
-- Takes over a range, up to its row :last: a range larger than this lane's batch is split, and
-- the rest stays available as a range of its own (insert-claim with no lease).
update send_claims set token = :token, lease_until = :leaseUntil, last_id = :last
where client_id = :clientId and campaign_id = :campaignId and token = :old

-- name: drop-claim
delete from send_claims where client_id = :clientId and campaign_id = :campaignId and token = :token

-- name: range-rows-first
select subscriber_id from send_queue
where campaign_id = :campaignId and client_id = :clientId and subscriber_id <= :last
  and state = 'queued' and next_attempt_at is null
order by subscriber_id limit :limit

-- name: range-rows-next
select subscriber_id from send_queue
where campaign_id = :campaignId and client_id = :clientId and subscriber_id > :after and subscriber_id <= :last
  and state = 'queued' and next_attempt_at is null
order by subscriber_id limit :limit

-- name: claim-retries-postgresql
-- Rows waiting in this state ('deferred' by a 4xx, or 'queued' by a throttle) whose time has
-- come and that no living lease holds; SKIP LOCKED so that lanes and nodes take disjoint batches
-- without waiting.
with picked as (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and client_id = :clientId and next_attempt_at <= :now and state = :state
      and (lease_until is null or lease_until < :now)
    order by next_attempt_at limit :limit
    for update skip locked)
update send_queue q set lease_token = :token, lease_until = :leaseUntil, updated_at = :now
from picked where q.campaign_id = :campaignId and q.subscriber_id = picked.subscriber_id

-- name: claim-retries-h2
-- H2 runs one node; repeating the conditions in the outer WHERE keeps two lanes from sharing rows.
update send_queue set lease_token = :token, lease_until = :leaseUntil, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and next_attempt_at <= :now and state = :state
  and (lease_until is null or lease_until < :now) and subscriber_id in (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and client_id = :clientId and next_attempt_at <= :now and state = :state
      and (lease_until is null or lease_until < :now)
    order by next_attempt_at limit :limit)

-- name: retries-claimed
select subscriber_id from send_queue
where campaign_id = :campaignId and client_id = :clientId and next_attempt_at is not null and lease_token = :token
  and state in ('queued', 'deferred')

-- Settling. Every write names the claim: a range's rows are only touched while this claim holds
-- the range (hold, below, locks its row first); a retry's rows only while they carry its token.
-- Clearing columns that are already null changes nothing, so a fresh row's settle stays HOT.

-- name: held-retries
select count(*) from send_queue
where campaign_id = :campaignId and client_id = :clientId and next_attempt_at is not null and lease_token = :token

-- name: hold
select token, after_id, last_id from send_claims where client_id = :clientId and campaign_id = :campaignId and token = :token for update

-- name: settle
update send_queue set state = :state, next_attempt_at = null, lease_token = null, lease_until = null, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and subscriber_id = any(:ids)
  and (case when :range then state = 'queued' and next_attempt_at is null else lease_token = :token end)

-- name: defer
-- A temporary failure: try again later, unless the first attempt is older than the retry age,
-- in which case the recipient fails as a soft bounce.
update send_queue set
    state = case when first_attempt_at is not null and first_attempt_at < :expiredBefore then 'failed' else 'deferred' end,
    next_attempt_at = case when first_attempt_at is not null and first_attempt_at < :expiredBefore then null else :nextAttempt end,
    attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, :now),
    last_reply = :reply, lease_token = null, lease_until = null, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and subscriber_id = :subscriberId
  and (case when :range then state = 'queued' and next_attempt_at is null else lease_token = :token end)

-- name: fail
update send_queue set state = 'failed', attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, :now),
    next_attempt_at = null, last_reply = :reply, lease_token = null, lease_until = null, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and subscriber_id = :subscriberId
  and (case when :range then state = 'queued' and next_attempt_at is null else lease_token = :token end)

-- name: postpone
-- Throttled: waits for later like a retry, no attempt counted.
update send_queue set state = 'queued', next_attempt_at = :nextAttempt, lease_token = null, lease_until = null, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and subscriber_id = any(:ids)
  and (case when :range then state = 'queued' and next_attempt_at is null else lease_token = :token end)

-- name: release-retries
-- Retries never offered to the server (the campaign stopped meanwhile): due again at once.
update send_queue set lease_token = null, lease_until = null
where campaign_id = :campaignId and client_id = :clientId and next_attempt_at is not null and lease_token = :token

-- name: hand-back-claim
-- A range with rows never offered to the server: any lane takes it again (after a resume).
update send_claims set lease_until = null where client_id = :clientId and campaign_id = :campaignId and token = :token

-- name: renew-claim
update send_claims set lease_until = :leaseUntil where client_id = :clientId and campaign_id = :campaignId and token = :token

-- name: renew-retries
update send_queue set lease_until = :leaseUntil
where campaign_id = :campaignId and client_id = :clientId and next_attempt_at is not null and lease_token = :token

-- name: open
-- Anything left: fresh rows past the cursor, a claimed range, or a row waiting for a retry.
select (select count(*) from send_jobs where client_id = :clientId and campaign_id = :campaignId and not fresh_done)
     + (select count(*) from send_claims where client_id = :clientId and campaign_id = :campaignId)
     + (select count(*) from send_queue where campaign_id = :campaignId and client_id = :clientId and next_attempt_at is not null)

-- name: attempts
select subscriber_id, attempts from send_queue
where campaign_id = :campaignId and client_id = :clientId and subscriber_id = any(:ids)

-- name: of-subscriber
-- A subscriber's entries across the client's campaigns (a legal disclosure). The queue has no
-- index by subscriber, so this starts from the client's jobs (one row per campaign, never
-- deleted) and probes the (campaign_id, subscriber_id) key once per campaign.
select q.campaign_id, q.state, q.attempts, q.first_attempt_at, q.last_reply, q.updated_at
from send_jobs j
join send_queue q on q.campaign_id = j.campaign_id and q.subscriber_id = :subscriberId
where j.client_id = :clientId and q.client_id = :clientId
order by q.updated_at desc, q.campaign_id desc limit :limit
