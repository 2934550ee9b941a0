-- Row-level security on the standing tables, as on every client-owned table.
alter table standing_days enable row level security;
alter table standing_days force row level security;
create policy standing_days_tenant on standing_days
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table standing_campaigns enable row level security;
alter table standing_campaigns force row level security;
create policy standing_campaigns_tenant on standing_campaigns
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table standing_levels enable row level security;
alter table standing_levels force row level security;
create policy standing_levels_tenant on standing_levels
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table standing_unsubscribes enable row level security;
alter table standing_unsubscribes force row level security;
create policy standing_unsubscribes_tenant on standing_unsubscribes
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table standing_alerts enable row level security;
alter table standing_alerts force row level security;
create policy standing_alerts_tenant on standing_alerts
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
