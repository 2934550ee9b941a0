alter table test_recipients enable row level security;
alter table test_recipients force row level security;
create policy test_recipients_tenant on test_recipients using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table test_send_counts enable row level security;
alter table test_send_counts force row level security;
create policy test_send_counts_tenant on test_send_counts using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
