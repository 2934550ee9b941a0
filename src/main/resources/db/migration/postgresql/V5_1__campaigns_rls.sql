alter table templates enable row level security;
alter table templates force row level security;
create policy templates_tenant on templates using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table campaigns enable row level security;
alter table campaigns force row level security;
create policy campaigns_tenant on campaigns using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table campaign_lists enable row level security;
alter table campaign_lists force row level security;
create policy campaign_lists_tenant on campaign_lists using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
