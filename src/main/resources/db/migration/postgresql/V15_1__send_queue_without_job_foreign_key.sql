-- The queue's foreign key to its job cost PostgreSQL a trigger per recipient at launch, each
-- locking the one job row again: 950 ms of the 2.3 s that filling a 100,000-recipient queue took
-- (EXPLAIN ANALYZE, docs/benchmarks.md). It guarded nothing the code does not: SendQueueStore
-- writes the job and its queue rows in one transaction, and no job is ever deleted, so its
-- ON DELETE CASCADE never ran. H2, which runs small single-node installations, keeps the key.
alter table send_queue drop constraint if exists send_queue_campaign_id_fkey;
