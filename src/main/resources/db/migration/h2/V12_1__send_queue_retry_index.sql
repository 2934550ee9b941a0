-- Rows waiting for a retry are found by time. (PostgreSQL's version of this index holds only
-- those rows; H2 has no partial indexes.)
create index send_queue_retry_idx on send_queue (campaign_id, next_attempt_at);
