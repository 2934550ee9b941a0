alter table client_relays enable row level security;
alter table client_relays force row level security;
create policy client_relays_tenant on client_relays using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
