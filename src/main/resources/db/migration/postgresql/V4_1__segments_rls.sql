alter table segments enable row level security;
alter table segments force row level security;
create policy segments_tenant on segments using (optline_platform_scope() or client_id = optline_current_client());
