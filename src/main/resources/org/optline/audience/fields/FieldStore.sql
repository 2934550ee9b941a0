-- name: insert
insert into custom_fields (id, client_id, field_key, label, field_type, slot, created_at, subscriber_editable)
values (:id, :clientId, :key, :label, :type, :slot, :at, :editable)

-- name: list
select id, client_id, field_key, label, field_type, slot, created_at, subscriber_editable
from custom_fields where client_id = :clientId order by created_at, id

-- name: key-taken
select count(*) from custom_fields where client_id = :clientId and field_key = :key

-- name: update
update custom_fields set label = :label, subscriber_editable = :editable
where client_id = :clientId and id = :id
