-- The data below belongs to every client: the migration works in the platform scope (for this
-- transaction only), as row-level security would otherwise hide every row from the update.
select set_config('optline.scope', 'platform', true);

-- Queues left by the earlier layout. All nodes must be stopped for this upgrade
-- (docs/operations.md): rows in flight go back to the queue (a node that stopped cleanly had
-- none; after a crash they would have been sent again after their lease anyway), settled rows
-- drop the retry time the old settle kept (the retry claim would otherwise find them), and no
-- row keeps a lease.
update send_queue set state = 'queued', lease_token = null, lease_until = null where state = 'sending';
update send_queue set next_attempt_at = null where state in ('sent', 'failed', 'suppressed') and next_attempt_at is not null;
update send_queue set lease_token = null, lease_until = null where lease_token is not null;

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
