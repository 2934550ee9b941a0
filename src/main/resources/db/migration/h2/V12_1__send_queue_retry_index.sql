-- Queues left by the earlier layout. All nodes must be stopped for this upgrade
-- (docs/operations.md): rows in flight go back to the queue (a node that stopped cleanly had
-- none; after a crash they would have been sent again after their lease anyway), settled rows
-- drop the retry time the old settle kept (the retry claim would otherwise find them), and no
-- row keeps a lease.
update send_queue set state = 'queued', lease_token = null, lease_until = null where state = 'sending';
update send_queue set next_attempt_at = null where state in ('sent', 'failed', 'suppressed') and next_attempt_at is not null;
update send_queue set lease_token = null, lease_until = null where lease_token is not null;

-- Rows waiting for a retry are found by time. (PostgreSQL's version of this index holds only
-- those rows; H2 has no partial indexes.)
create index send_queue_retry_idx on send_queue (campaign_id, next_attempt_at);
