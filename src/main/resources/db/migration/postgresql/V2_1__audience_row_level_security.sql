-- Row-level security for the audience tables (see V1_1 for the scheme).
alter table lists enable row level security;
alter table lists force row level security;
create policy lists_tenant on lists using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table custom_fields enable row level security;
alter table custom_fields force row level security;
create policy custom_fields_tenant on custom_fields using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table subscribers enable row level security;
alter table subscribers force row level security;
create policy subscribers_tenant on subscribers using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table subscriber_tags enable row level security;
alter table subscriber_tags force row level security;
create policy subscriber_tags_tenant on subscriber_tags using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table list_memberships enable row level security;
alter table list_memberships force row level security;
create policy list_memberships_tenant on list_memberships using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table consent_events enable row level security;
alter table consent_events force row level security;
create policy consent_events_tenant on consent_events using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table erasure_tombstones enable row level security;
alter table erasure_tombstones force row level security;
create policy erasure_tombstones_tenant on erasure_tombstones using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table suppressions enable row level security;
alter table suppressions force row level security;
create policy suppressions_tenant on suppressions using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

-- Every client's sends must consult the platform list, so any scope may read it; only the
-- platform writes it.
alter table platform_suppressions enable row level security;
alter table platform_suppressions force row level security;
create policy platform_suppressions_read on platform_suppressions for select using (true);
create policy platform_suppressions_write on platform_suppressions for all
    using ((select optline_platform_scope())) with check ((select optline_platform_scope()));

alter table imports enable row level security;
alter table imports force row level security;
create policy imports_tenant on imports using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table import_issues enable row level security;
alter table import_issues force row level security;
create policy import_issues_tenant on import_issues using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

-- The consent ledger is append-only, like the audit log, except for erasure: a delete is allowed
-- only when the transaction says it is erasing (optline.erasing = 'on', set by Subscribers.erase).
create function optline_consent_is_append_only() returns trigger
    language plpgsql
    as $$
    begin
        if tg_op = 'DELETE' and coalesce(current_setting('optline.erasing', true), '') = 'on' then
            return old;
        end if;
        raise exception 'consent_events is append-only';
    end $$;

create trigger consent_events_append_only
    before update or delete on consent_events
    for each row execute function optline_consent_is_append_only();
