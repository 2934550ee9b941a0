-- A finished job's counts, written once when it finishes. Its queue rows do not change after
-- that, and since no index names a row's state (V12), counting them reads every row of the
-- campaign: the campaign list would do that for every finished campaign on every view.
alter table send_jobs add column final_sent bigint;
alter table send_jobs add column final_failed bigint;
alter table send_jobs add column final_suppressed bigint;

update send_jobs set
    final_sent = (select count(*) from send_queue q where q.campaign_id = send_jobs.campaign_id and q.state = 'sent'),
    final_failed = (select count(*) from send_queue q where q.campaign_id = send_jobs.campaign_id and q.state = 'failed'),
    final_suppressed = (select count(*) from send_queue q where q.campaign_id = send_jobs.campaign_id and q.state = 'suppressed')
where finished_at is not null;
