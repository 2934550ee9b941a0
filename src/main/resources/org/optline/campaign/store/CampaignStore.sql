-- name: insert-template
insert into templates (id, client_id, name, html, created_at, updated_at) values (:id, :clientId, :name, :html, :at, :at)

-- name: find-template
select * from templates where client_id = :clientId and id = :id

-- name: list-templates
select * from templates where client_id = :clientId order by name, id

-- name: template-name-taken
select count(*) from templates where client_id = :clientId and name = :name

-- name: insert
insert into campaigns (id, client_id, name, subject, preheader, from_name, from_email, reply_to, html, text_body,
                       template_id, segment_id, tracking, status, created_at, updated_at, content_format, source)
values (:id, :clientId, :name, :subject, :preheader, :fromName, :fromEmail, :replyTo, :html, :text,
        :templateId, :segmentId, :tracking, 'draft', :at, :at, :format, :source)

-- name: update
-- Only while the campaign is still editable.
update campaigns set name = :name, subject = :subject, preheader = :preheader, from_name = :fromName,
       from_email = :fromEmail, reply_to = :replyTo, html = :html, text_body = :text, template_id = :templateId,
       segment_id = :segmentId, tracking = :tracking, content_format = :format, source = :source, updated_at = :at
where client_id = :clientId and id = :id and status in ('draft', 'scheduled')

-- name: find
select * from campaigns where client_id = :clientId and id = :id

-- name: client-of
-- Platform scope: inbound mail names a campaign (VERP, reply address) but not its client.
select client_id from campaigns where id = :id

-- name: list
select * from campaigns where client_id = :clientId order by created_at desc, id desc limit :limit

-- name: names-of
select id, name from campaigns where client_id = :clientId and id = any(:ids)

-- name: ids-named
select id from campaigns where client_id = :clientId and lower(name) = :name

-- name: delete
delete from campaigns where client_id = :clientId and id = :id and status = 'draft'

-- name: lists-of
select list_id from campaign_lists where client_id = :clientId and campaign_id = :id order by list_id

-- name: clear-lists
delete from campaign_lists where client_id = :clientId and campaign_id = :id

-- name: add-list
insert into campaign_lists (campaign_id, client_id, list_id) values (:id, :clientId, :listId)

-- name: count-recipients
-- Followed by audience's recipient selection (RecipientSelection): who the campaign would reach now.
select count(*)

-- name: move-status
-- Guarded by the expected status: two clicks, or two nodes, cannot both move it.
update campaigns set status = :next, scheduled_at = :scheduledAt, status_note = null, updated_at = :at
where client_id = :clientId and id = :id and status = :expected

-- name: move-status-with-note
update campaigns set status = :next, status_note = :note, updated_at = :at
where client_id = :clientId and id = :id and status = :expected

-- name: in-status
select client_id, id from campaigns where status = :status order by created_at limit 100

-- name: in-status-of-client
select id from campaigns where client_id = :clientId and status = :status

-- name: names-from-domain
-- The campaigns that will still send From an address at this domain (scheduled, sending or
-- paused), by name. Domain names hold only a-z 0-9 . -, and the pattern comes escaped.
select name from campaigns
where client_id = :clientId and status in ('scheduled', 'sending', 'paused') and lower(from_email) like :pattern escape '\'
order by name

-- name: due
select client_id, id from campaigns where status = 'scheduled' and scheduled_at <= :now order by scheduled_at limit 100
