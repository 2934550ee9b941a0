-- A finished job's counts, written once when it finishes. Its queue rows do not change after
-- that, and since no index names a row's state (V12), counting them reads every row of the
-- campaign: the campaign list would do that for every finished campaign on every view.
alter table send_jobs add column final_sent bigint;
alter table send_jobs add column final_failed bigint;
alter table send_jobs add column final_suppressed bigint;

-- Jobs finished before this get theirs in the vendor migrations (V13_1).
