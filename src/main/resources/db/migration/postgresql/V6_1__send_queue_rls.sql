alter table send_jobs enable row level security;
alter table send_jobs force row level security;
create policy send_jobs_tenant on send_jobs using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table send_queue enable row level security;
alter table send_queue force row level security;
create policy send_queue_tenant on send_queue using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
