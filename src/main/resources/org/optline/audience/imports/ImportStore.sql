-- name: insert
insert into imports (id, client_id, list_id, status, file_name, file_sha256, file_bytes, separator_char, headers, column_map,
                     rows_total, rows_imported, rows_updated, rows_rejected, rows_suppressed, rows_flagged,
                     next_record, created_at)
values (:id, :clientId, :listId, 'uploaded', :fileName, :sha256, :bytes, :separator, :headers, :columnMap,
        :rowsTotal, 0, 0, 0, 0, 0, 0, :at)

-- name: find
select * from imports where client_id = :clientId and id = :id

-- name: list
select * from imports where client_id = :clientId order by created_at desc, id desc limit :limit

-- name: queue
-- Only an uploaded import can be started, and only once.
update imports set status = 'queued', column_map = :columnMap, attestation = :attestation,
       attested_by = :attestedBy, attested_at = :at, source_ip = :sourceIp
where client_id = :clientId and id = :id and status = 'uploaded'

-- name: claimable
-- Queued imports, and running ones whose node stopped renewing its lease (crashed or killed),
-- leaving out the clients whose imports must wait (:held, those that may not write), so that
-- their queue never stands before everybody else's.
select id, client_id from imports
where (status = 'queued' or (status = 'running' and lease_until < :now))
  and not (client_id = any(:held))
order by created_at
limit 10

-- name: claim
-- The token names this claim: progress and finish check it, so a node whose lease was taken over
-- (after a long pause) cannot write another batch or end the job.
update imports set status = 'running', lease_until = :leaseUntil, lease_token = :token,
       started_at = coalesce(started_at, :now)
where id = :id and (status = 'queued' or (status = 'running' and lease_until < :now))

-- name: progress
-- Written in the same transaction as the batch it counts, so counts and next_record never
-- disagree with the rows actually stored, whatever crashes when.
update imports set rows_imported = rows_imported + :imported, rows_updated = rows_updated + :updated,
       rows_rejected = rows_rejected + :rejected, rows_suppressed = rows_suppressed + :suppressed,
       rows_flagged = rows_flagged + :flagged, next_record = :nextRecord, lease_until = :leaseUntil
where client_id = :clientId and id = :id and status = 'running' and lease_token = :token

-- name: finish
update imports set status = :status, error = :error, finished_at = :at, lease_until = null, lease_token = null,
       rows_total = case when :status = 'done' then next_record else rows_total end
where client_id = :clientId and id = :id and status = 'running' and lease_token = :token

-- name: insert-issue
insert into import_issues (import_id, client_id, line, kind, message, cells)
values (:importId, :clientId, :line, :kind, :message, :cells)

-- name: count-issues
select count(*) from import_issues where client_id = :clientId and import_id = :importId

-- name: issues
select line, kind, message from import_issues
where client_id = :clientId and import_id = :importId and kind = :kind order by line limit :limit

-- name: rejected-rows
select line, message, cells from import_issues
where client_id = :clientId and import_id = :importId and kind = 'error' order by line limit :limit

-- name: forget-address
-- Erasure: rejected and flagged rows quote the address (or the raw cell), and a rejected row
-- keeps its cells, so they go too.
delete from import_issues where client_id = :clientId
  and (lower(message) like :pattern escape '\' or lower(cells) like :pattern escape '\')

-- name: small-statistics-sample
-- For the statistics refresh below, in the same transaction: 3,000 sampled rows instead of 30,000.
set local default_statistics_target = 10

-- name: refresh-statistics
-- PostgreSQL only (see ImportRunner.refreshStatistics for when). What the merge statements are
-- planned with: the tables' sizes and the columns they join on. A full ANALYZE of both tables took
-- 0.8 s at three million subscribers, 15 ms this way; the other columns (what segments filter on)
-- keep their statistics until autovacuum's ANALYZE, which the import's growth sets off once it ends.
analyze subscribers (client_id, email_key, id), list_memberships (list_id, subscriber_id)

-- name: unstarted-before
-- Uploads nobody started, across clients (platform scope): their files are deleted with them.
select id, client_id from imports where status = 'uploaded' and created_at < :before order by created_at limit 500

-- name: delete-unstarted
-- The status guard keeps an import that was started meanwhile.
delete from imports where client_id = :clientId and id = :id and status = 'uploaded'
