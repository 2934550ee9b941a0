-- name: job
select recipients, finished_at from send_jobs where client_id = :clientId and campaign_id = :campaignId

-- name: insert-job
insert into send_jobs (campaign_id, client_id, recipients, materialized_at) values (:campaignId, :clientId, 0, :at)

-- name: set-recipients
update send_jobs set recipients = :recipients where client_id = :clientId and campaign_id = :campaignId

-- name: finish-job
update send_jobs set finished_at = :at where client_id = :clientId and campaign_id = :campaignId and finished_at is null

-- Claims, one statement per kind of due row, tried in this order until the batch is full: rows
-- never tried, retries whose time has come, and rows whose lease ran out (a node died). One state
-- per statement lets the (campaign_id, state, subscriber_id) index deliver the rows already in
-- order, so a claim reads a batch's worth of index; with the three states OR-ed together
-- PostgreSQL built a bitmap of the whole queue and sorted it (750 ms per claim at 1M recipients).
-- On PostgreSQL the pick is a locking CTE with SKIP LOCKED, so lanes and nodes take disjoint
-- batches without waiting: as an IN (subquery) PostgreSQL may run the locking subquery once per
-- candidate row, and one claim took the whole queue (the two-node test caught it).

-- name: claim-queued-postgresql
with picked as (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and client_id = :clientId and state = 'queued'
      and (next_attempt_at is null or next_attempt_at <= :now)
    order by subscriber_id limit :limit
    for update skip locked)
update send_queue q set state = 'sending', lease_token = :token, lease_until = :leaseUntil, updated_at = :now
from picked where q.campaign_id = :campaignId and q.subscriber_id = picked.subscriber_id

-- name: claim-deferred-postgresql
with picked as (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and client_id = :clientId and state = 'deferred' and next_attempt_at <= :now
    order by subscriber_id limit :limit
    for update skip locked)
update send_queue q set state = 'sending', lease_token = :token, lease_until = :leaseUntil, updated_at = :now
from picked where q.campaign_id = :campaignId and q.subscriber_id = picked.subscriber_id

-- name: claim-expired-postgresql
with picked as (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and client_id = :clientId and state = 'sending' and lease_until < :now
    order by subscriber_id limit :limit
    for update skip locked)
update send_queue q set state = 'sending', lease_token = :token, lease_until = :leaseUntil, updated_at = :now
from picked where q.campaign_id = :campaignId and q.subscriber_id = picked.subscriber_id

-- name: claim-queued-h2
-- H2 runs one node; repeating the state condition in the outer WHERE keeps two lanes from sharing rows.
update send_queue set state = 'sending', lease_token = :token, lease_until = :leaseUntil, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and state = 'queued'
  and (next_attempt_at is null or next_attempt_at <= :now) and subscriber_id in (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and client_id = :clientId and state = 'queued'
      and (next_attempt_at is null or next_attempt_at <= :now)
    order by subscriber_id limit :limit)

-- name: claim-deferred-h2
update send_queue set state = 'sending', lease_token = :token, lease_until = :leaseUntil, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and state = 'deferred' and next_attempt_at <= :now
  and subscriber_id in (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and client_id = :clientId and state = 'deferred' and next_attempt_at <= :now
    order by subscriber_id limit :limit)

-- name: claim-expired-h2
update send_queue set state = 'sending', lease_token = :token, lease_until = :leaseUntil, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and state = 'sending' and lease_until < :now
  and subscriber_id in (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and client_id = :clientId and state = 'sending' and lease_until < :now
    order by subscriber_id limit :limit)

-- name: analyze
-- After filling a large queue: the planner must know how many rows each state has.
analyze send_queue

-- name: claimed
-- The state narrows the (campaign_id, state, subscriber_id) index to the rows in flight; on the
-- lease token alone this read every row of the campaign, once per batch (a sixth of PostgreSQL's
-- time per message at 30k recipients, and growing with the campaign).
select subscriber_id from send_queue
where campaign_id = :campaignId and client_id = :clientId and state = 'sending' and lease_token = :token

-- name: settle
update send_queue set state = :state, lease_token = null, lease_until = null, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and lease_token = :token and subscriber_id = any(:ids)

-- name: defer
-- A temporary failure: try again later, unless the first attempt is older than the retry age,
-- in which case the recipient fails as a soft bounce.
update send_queue set
    state = case when first_attempt_at is not null and first_attempt_at < :expiredBefore then 'failed' else 'deferred' end,
    attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, :now), next_attempt_at = :nextAttempt,
    last_reply = :reply, lease_token = null, lease_until = null, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and lease_token = :token and subscriber_id = :subscriberId

-- name: fail
update send_queue set state = 'failed', attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, :now),
    last_reply = :reply, lease_token = null, lease_until = null, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and lease_token = :token and subscriber_id = :subscriberId

-- name: postpone
-- Throttled: back to the queue for later, no attempt counted.
update send_queue set state = 'queued', next_attempt_at = :nextAttempt, lease_token = null, lease_until = null, updated_at = :now
where campaign_id = :campaignId and client_id = :clientId and lease_token = :token and subscriber_id = any(:ids)

-- name: release
-- Paused or cancelled mid-batch: the batch goes back to the queue untouched. (Only rows in flight
-- carry a lease token; the state lets the work index find them.)
update send_queue set state = 'queued', lease_token = null, lease_until = null
where campaign_id = :campaignId and client_id = :clientId and state = 'sending' and lease_token = :token

-- name: open
select count(*) from send_queue where campaign_id = :campaignId and client_id = :clientId and state in ('queued', 'sending', 'deferred')

-- name: counts
select state, count(*) as n from send_queue where client_id = :clientId and campaign_id = :campaignId group by state

-- name: attempts
select subscriber_id, attempts from send_queue
where campaign_id = :campaignId and client_id = :clientId and subscriber_id = any(:ids)

-- name: renew
-- Just before the messages go out: the batch is still this claim's, for another lease period.
update send_queue set lease_until = :leaseUntil
where campaign_id = :campaignId and client_id = :clientId and lease_token = :token and state = 'sending'

-- name: release-some
-- Recipients of a batch that were never offered to the server (the campaign stopped meanwhile).
update send_queue set state = 'queued', lease_token = null, lease_until = null
where campaign_id = :campaignId and client_id = :clientId and lease_token = :token and subscriber_id = any(:ids)
