alter table sending_domains enable row level security;
alter table sending_domains force row level security;
create policy sending_domains_tenant on sending_domains using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
