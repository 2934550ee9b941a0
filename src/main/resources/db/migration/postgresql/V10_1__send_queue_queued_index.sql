-- The claim of rows never tried reads this index: only queued rows, in subscriber order, so a
-- claim costs a batch's worth of index however far the campaign has got. Without it PostgreSQL
-- walked the primary key in subscriber order and skipped every row already sent (over a second
-- per claim a quarter of the way through 1M recipients). H2 has no partial indexes and runs one
-- node, where the work index serves.
create index send_queue_queued_idx on send_queue (campaign_id, subscriber_id) where state = 'queued';
