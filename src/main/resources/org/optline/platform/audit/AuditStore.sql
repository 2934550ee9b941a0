-- name: insert
insert into audit_log (at, client_id, actor_kind, actor_id, actor_label, action, target, source_ip, detail)
values (:at, :clientId, :actorKind, :actorId, :actorLabel, :action, :target, :sourceIp, :detail)

-- name: search
-- Newest first, keyset on id. Every narrowing is optional: a null parameter leaves it out (the
-- casts give PostgreSQL the type of a null). The scan walks the primary key backwards and stops
-- at the page's end, so a filter that matches often answers from the newest rows; the client
-- filter can use audit_log_client_idx. Visibility is also the caller's scope (row-level security).
select id, at, client_id, actor_kind, actor_id, actor_label, action, target, source_ip, detail
from audit_log
where (cast(:clientId as uuid) is null or client_id = :clientId)
  and (cast(:actor as varchar) is null or lower(actor_label) like :actor escape '\')
  and (cast(:action as varchar) is null or action like :action escape '\')
  and (cast(:from as timestamp with time zone) is null or at >= :from)
  and (cast(:until as timestamp with time zone) is null or at < :until)
  and (cast(:before as bigint) is null or id < :before)
order by id desc
limit :limit
