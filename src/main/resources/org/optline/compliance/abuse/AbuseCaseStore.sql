-- name: open-case
-- Opens the client's unresolved case for this campaign unless one exists (the open_key unique
-- key): two complaints arriving together both end in the one case, found by find-open after.
insert into abuse_cases (id, client_id, campaign_id, state, severity, complaints, open_key, opened_at,
                         last_complaint_at, updated_at)
values (:id, :clientId, :campaignId, 'open', 1, 0, :openKey, :at, :at, :at)
on conflict do nothing

-- name: find-open
-- Locked until the complaint's transaction ends: complaints joining the same case at once are
-- counted one after the other, so none of their counts overwrites a larger one.
select * from abuse_cases where client_id = :clientId and open_key = :openKey for update

-- name: insert-complaint
insert into abuse_complaints (id, client_id, case_id, source, subscriber_id, email, campaign_id, feedback_type, user_agent,
                              report, reporter_name, reporter_email, reporter_ip, received_at)
values (:id, :clientId, :caseId, :source, :subscriberId, :email, :campaignId, :feedbackType, :userAgent, :report,
        :reporterName, :reporterEmail, :reporterIp, :receivedAt)

-- name: figures
select count(*) as complaints,
       coalesce(max(case when feedback_type in ('fraud', 'virus') then 1 else 0 end), 0) as fraud_or_virus,
       coalesce(max(case when source <> 'feedback_loop' then 1 else 0 end), 0) as by_person,
       max(received_at) as last_at
from abuse_complaints where client_id = :clientId and case_id = :caseId

-- name: set-figures
update abuse_cases set complaints = :complaints, severity = :severity, last_complaint_at = :lastAt, updated_at = :at
where client_id = :clientId and id = :id

-- name: find
select * from abuse_cases where client_id = :clientId and id = :id

-- name: client-of
-- The operator names a case by id alone; the desk runs in the platform scope.
select client_id from abuse_cases where id = :id

-- name: desk-page
-- By severity, most urgent first, then the oldest first; keyset on (severity, opened_at, id).
select * from abuse_cases
where (cast(:state as varchar) is null or state = :state)
  and (cast(:clientId as uuid) is null or client_id = :clientId)
  and (cast(:severity as integer) is null or severity = :severity)
  and (cast(:afterSeverity as integer) is null or severity < :afterSeverity
       or (severity = :afterSeverity and (opened_at > :afterAt or (opened_at = :afterAt and id > :afterId))))
order by severity desc, opened_at, id
limit :limit

-- name: move
-- Guarded by the state read before: a move that raced another answers 0 rows.
update abuse_cases set state = :to, resolution = :resolution, updated_at = :at,
       resolved_at = case when cast(:to as varchar(20)) = 'resolved' then :at else resolved_at end,
       open_key = case when cast(:to as varchar(20)) = 'resolved' then null else open_key end,
       client_note = case when cast(:resolution as varchar(30)) = 'client_warned' then :clientNote else client_note end
where client_id = :clientId and id = :id and state = :from

-- name: insert-note
insert into abuse_case_notes (id, client_id, case_id, at, author, kind, from_state, to_state, resolution, text)
values (:id, :clientId, :caseId, :at, :author, :kind, :fromState, :toState, :resolution, :text)

-- name: touch
update abuse_cases set updated_at = :at where client_id = :clientId and id = :id

-- name: complaints-of-case
select * from abuse_complaints where client_id = :clientId and case_id = :caseId order by received_at, id

-- name: notes-of-case
select * from abuse_case_notes where client_id = :clientId and case_id = :caseId order by at, id

-- name: client-complaints
-- The client's own complaints, newest first, with the state and warning of their case; keyset on (received_at, id).
select c.id, c.received_at, c.campaign_id, c.email, c.feedback_type, c.source, a.state, a.client_note
from abuse_complaints c join abuse_cases a on a.client_id = c.client_id and a.id = c.case_id
where c.client_id = :clientId
  and (cast(:afterAt as timestamp with time zone) is null or (c.received_at, c.id) < (:afterAt, :afterId))
order by c.received_at desc, c.id desc
limit :limit

-- name: client-complaint
select c.id, c.received_at, c.campaign_id, c.email, c.feedback_type, c.source, a.state, a.client_note
from abuse_complaints c join abuse_cases a on a.client_id = c.client_id and a.id = c.case_id
where c.client_id = :clientId and c.id = :id

-- name: forget-subscriber
-- Erasure: the person's address, the report about them and the reporter's contact go; the
-- complaint stays counted in its case, marked erased.
update abuse_complaints set subscriber_id = null, email = null, report = null, user_agent = null,
       reporter_name = null, reporter_email = null, reporter_ip = null, erased_at = :at
where client_id = :clientId and subscriber_id = :subscriberId
