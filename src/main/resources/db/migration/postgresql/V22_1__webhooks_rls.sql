alter table webhook_endpoints enable row level security;
alter table webhook_endpoints force row level security;
create policy webhook_endpoints_tenant on webhook_endpoints using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table webhook_outbox enable row level security;
alter table webhook_outbox force row level security;
create policy webhook_outbox_tenant on webhook_outbox using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table webhook_deliveries enable row level security;
alter table webhook_deliveries force row level security;
create policy webhook_deliveries_tenant on webhook_deliveries using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

