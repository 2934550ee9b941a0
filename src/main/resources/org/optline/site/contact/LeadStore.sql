-- name: insert
insert into site_leads (id, reference, name, email, company, phone, message, consent_text, status, created_at)
values (:id, :reference, :name, :email, :company, :phone, :message, :consentText, 'new', :createdAt)

-- name: find
select * from site_leads where id = :id

-- name: page
-- Newest first; keyset on (created_at, id) descending. A null status lists every lead.
select * from site_leads
where (cast(:status as varchar(10)) is null or status = :status)
  and (cast(:afterAt as timestamp with time zone) is null or created_at < :afterAt
       or (created_at = :afterAt and id < :afterId))
order by created_at desc, id desc
limit :limit

-- name: answer
-- Only a new lead is answered: two operators answering at once, the second finds it answered.
update site_leads set status = 'answered', answered_at = :at, answered_by = :by, answer_note = :note
where id = :id and status = 'new'

-- name: purge
-- Answered leads past the retention; a lead nobody answered yet stays until it is.
delete from site_leads where status = 'answered' and answered_at < :before
