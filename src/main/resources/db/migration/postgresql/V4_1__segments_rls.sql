alter table segments enable row level security;
alter table segments force row level security;
create policy segments_tenant on segments using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
