-- name: by-list
select * from subscription_forms where client_id = :clientId and list_id = :listId

-- name: by-id
-- The public form page knows only the form id: looked up in platform scope, then everything
-- else runs in the owning client's scope.
select * from subscription_forms where id = :id

-- name: insert
insert into subscription_forms (id, client_id, list_id, enabled, title, intro, field_keys, consent_text, consent_version,
                                created_at, updated_at)
values (:id, :clientId, :listId, :enabled, :title, :intro, :fieldKeys, :consentText, 1, :at, :at)

-- name: update
update subscription_forms set enabled = :enabled, title = :title, intro = :intro, field_keys = :fieldKeys,
       consent_text = :consentText,
       consent_version = case when consent_text = :consentText then consent_version else consent_version + 1 end,
       updated_at = :at
where client_id = :clientId and id = :id
