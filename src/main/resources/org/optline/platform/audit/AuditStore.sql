-- name: insert
insert into audit_log (at, client_id, actor_kind, actor_id, actor_label, action, target, source_ip, detail)
values (:at, :clientId, :actorKind, :actorId, :actorLabel, :action, :target, :sourceIp, :detail)

-- name: first-page
select id, at, client_id, actor_kind, actor_id, actor_label, action, target, source_ip, detail
from audit_log
order by id desc
limit :limit

-- name: next-page
select id, at, client_id, actor_kind, actor_id, actor_label, action, target, source_ip, detail
from audit_log
where id < :before
order by id desc
limit :limit
