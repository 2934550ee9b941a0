-- name: claim
-- The primary key on the version makes this once per version on every node: a second delivery
-- of the same event inserts nothing.
insert into site_policy_notices (policy_version, policy_id, summary, published_at, status, created_at, updated_at)
values (:version, :policyId, :summary, :publishedAt, 'preparing', :at, :at)
on conflict do nothing

-- name: find
select policy_version, policy_id, summary, published_at, status, campaign_id, members, members_added, members_removed,
       recipients, note, created_at, updated_at
from site_policy_notices where policy_version = :version

-- name: list
select policy_version, policy_id, summary, published_at, status, campaign_id, members, members_added, members_removed,
       recipients, note, created_at, updated_at
from site_policy_notices order by policy_version desc

-- name: refreshed
update site_policy_notices set members = :members, members_added = :added, members_removed = :removed, updated_at = :at
where policy_version = :version

-- name: campaign
update site_policy_notices set campaign_id = :campaignId, updated_at = :at where policy_version = :version

-- name: finish
update site_policy_notices set status = :status, recipients = :recipients, note = :note, updated_at = :at
where policy_version = :version

-- name: reopen
-- A failed run, or one still preparing long after its node should have finished it (it died).
update site_policy_notices set status = 'preparing', note = null, updated_at = :at
where policy_version = :version and (status = 'failed' or (status = 'preparing' and updated_at < :staleBefore))
