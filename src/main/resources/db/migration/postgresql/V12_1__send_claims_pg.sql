alter table send_claims enable row level security;
alter table send_claims force row level security;
create policy send_claims_tenant on send_claims using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

-- The queued rows are found through the cursor now; the state is in no index, so a settle is a
-- HOT update. Those need room on the row's own page: a batch settles whole pages at once, and a
-- page half empty holds the new version of every row on it.
drop index send_queue_queued_idx;
alter table send_queue set (fillfactor = 50);

-- Rows waiting for a retry, the only ones found by time. The predicate keeps the index to those
-- few; a settle of a fresh row leaves next_attempt_at null and stays HOT.
create index send_queue_retry_idx on send_queue (campaign_id, next_attempt_at) where next_attempt_at is not null;
