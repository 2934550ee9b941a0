-- name: finish-job
-- With the counts it finished with, which no longer change.
update send_jobs set finished_at = :at, final_sent = :sent, final_failed = :failed, final_suppressed = :suppressed
where client_id = :clientId and campaign_id = :campaignId and finished_at is null

-- name: final-counts
select final_sent, final_failed, final_suppressed from send_jobs
where client_id = :clientId and campaign_id = :campaignId and finished_at is not null and final_sent is not null

-- name: counts
-- Every row of the campaign (no index names the state): for campaigns still being sent.
select state, count(*) as n from send_queue where client_id = :clientId and campaign_id = :campaignId group by state

-- name: in-flight-ranges
-- Rows of claimed ranges not yet settled: the queue calls them 'sending'.
select count(*) from send_claims k join send_queue q on q.campaign_id = k.campaign_id
    and q.subscriber_id <= k.last_id and (k.after_id is null or q.subscriber_id > k.after_id)
where k.client_id = :clientId and k.campaign_id = :campaignId and k.lease_until is not null
  and q.state = 'queued' and q.next_attempt_at is null

-- name: in-flight-retries
select state, count(*) as n from send_queue
where campaign_id = :campaignId and client_id = :clientId and next_attempt_at is not null and lease_token is not null
group by state
