-- name: job
select recipients, finished_at from send_jobs where client_id = :clientId and campaign_id = :campaignId

-- name: insert-job
insert into send_jobs (campaign_id, client_id, recipients, materialized_at) values (:campaignId, :clientId, 0, :at)

-- name: set-recipients
update send_jobs set recipients = :recipients where client_id = :clientId and campaign_id = :campaignId

-- name: finish-job
update send_jobs set finished_at = :at where client_id = :clientId and campaign_id = :campaignId and finished_at is null

-- name: claim-postgresql
-- SKIP LOCKED: several workers (threads or nodes) take disjoint batches without waiting for each
-- other. Rows whose lease ran out (a worker died mid-batch) are taken again.
update send_queue set state = 'sending', lease_token = :token, lease_until = :leaseUntil, updated_at = :now
where campaign_id = :campaignId and subscriber_id in (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and (state = 'queued' or (state = 'sending' and lease_until < :now))
    order by subscriber_id
    limit :limit
    for update skip locked)

-- name: claim-h2
-- H2 runs one node; the state in the WHERE clause still keeps two threads from sharing rows.
update send_queue set state = 'sending', lease_token = :token, lease_until = :leaseUntil, updated_at = :now
where campaign_id = :campaignId and (state = 'queued' or (state = 'sending' and lease_until < :now)) and subscriber_id in (
    select subscriber_id from send_queue
    where campaign_id = :campaignId and (state = 'queued' or (state = 'sending' and lease_until < :now))
    order by subscriber_id
    limit :limit)

-- name: claimed
select subscriber_id from send_queue where campaign_id = :campaignId and lease_token = :token

-- name: settle
update send_queue set state = :state, lease_token = null, lease_until = null, updated_at = :now
where campaign_id = :campaignId and lease_token = :token and subscriber_id = any(:ids)

-- name: release
-- Paused or cancelled mid-batch: the batch goes back to the queue untouched.
update send_queue set state = 'queued', lease_token = null, lease_until = null
where campaign_id = :campaignId and lease_token = :token

-- name: open
select count(*) from send_queue where campaign_id = :campaignId and state in ('queued', 'sending')

-- name: counts
select state, count(*) as n from send_queue where client_id = :clientId and campaign_id = :campaignId group by state
