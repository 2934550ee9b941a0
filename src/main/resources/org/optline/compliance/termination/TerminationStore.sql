-- name: insert
-- Once per client: a second event for the same termination (a retried request, another node)
-- finds the row and inserts nothing.
insert into termination_jobs (client_id, reason, state, requested_at, updated_at)
select :clientId, :reason, :state, :at, :at
where not exists (select 1 from termination_jobs where client_id = :clientId)

-- name: find
select * from termination_jobs where client_id = :clientId

-- name: find-by-token-hash
select * from termination_jobs where token_hash = :tokenHash

-- name: due
-- Work waiting: an export to write; a purge whose export window is over or that the operator
-- asked for; a purge under way (resumed after a crash); an export file whose window is over.
select client_id from termination_jobs
where (lease_until is null or lease_until < :now)
  and (state in ('exporting', 'purging')
       or (state = 'export_ready' and (export_expires_at <= :now or purge_requested_at is not null))
       or (state = 'purged' and export_deleted_at is null and export_file is not null and export_expires_at <= :now))
order by requested_at

-- name: claim
update termination_jobs set lease_until = :until, updated_at = :now
where client_id = :clientId and (lease_until is null or lease_until < :now)

-- name: release
update termination_jobs set lease_until = null, updated_at = :at where client_id = :clientId

-- name: failed
-- The job stays where it was, and is tried again once the lease runs out at retryAt.
update termination_jobs set last_error = :error, lease_until = :retryAt, updated_at = :at where client_id = :clientId

-- name: exported
update termination_jobs
set state = :next, export_file = :file, export_bytes = :bytes, export_sha256 = :sha256, export_tables = :tables,
    export_rows = :rows, token_hash = :tokenHash, mailed_to = :mailedTo, export_ready_at = :readyAt,
    export_expires_at = :expiresAt, last_error = null, updated_at = :readyAt
where client_id = :clientId and state = :expected

-- name: request-purge
update termination_jobs set purge_requested_at = :at, updated_at = :at
where client_id = :clientId and state = :expected and purge_requested_at is null

-- name: move
update termination_jobs
set state = :next,
    purge_started_at = case when :next = 'purging' then :at else purge_started_at end,
    purged_at = case when :next = 'purged' then :at else purged_at end,
    last_error = null, updated_at = :at
where client_id = :clientId and state = :expected

-- name: purged-batch
update termination_jobs set purged_rows = purged_rows + :rows, lease_until = :until, updated_at = :at
where client_id = :clientId

-- name: downloaded
update termination_jobs set downloads = downloads + 1, last_download_at = :at, updated_at = :at
where client_id = :clientId

-- name: export-deleted
update termination_jobs set export_deleted_at = :at, updated_at = :at where client_id = :clientId
