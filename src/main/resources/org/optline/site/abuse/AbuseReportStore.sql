-- name: insert
insert into site_abuse_reports (id, reference, reporter_email, note, pasted, outcome, matched_client, matched_campaign,
                                case_id, matched_by, created_at)
values (:id, :reference, :reporterEmail, :note, :pasted, :outcome, :matchedClient, :matchedCampaign, :caseId, :matchedBy,
        :createdAt)

-- name: find
select * from site_abuse_reports where id = :id

-- name: page
-- Newest first; keyset on (created_at, id) descending. A null outcome lists every report.
select * from site_abuse_reports
where (cast(:outcome as varchar(10)) is null or outcome = :outcome)
  and (cast(:afterAt as timestamp with time zone) is null or created_at < :afterAt
       or (created_at = :afterAt and id < :afterId))
order by created_at desc, id desc
limit :limit

-- name: purge
delete from site_abuse_reports where created_at < :before
