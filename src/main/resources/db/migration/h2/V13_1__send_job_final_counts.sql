-- Final counts of the jobs finished before V13.
update send_jobs set
    final_sent = (select count(*) from send_queue q where q.campaign_id = send_jobs.campaign_id and q.state = 'sent'),
    final_failed = (select count(*) from send_queue q where q.campaign_id = send_jobs.campaign_id and q.state = 'failed'),
    final_suppressed = (select count(*) from send_queue q where q.campaign_id = send_jobs.campaign_id and q.state = 'suppressed')
where finished_at is not null;
