alter table platform_secrets enable row level security;
alter table platform_secrets force row level security;
create policy platform_secrets_platform on platform_secrets using ((select optline_platform_scope()));

alter table subscription_forms enable row level security;
alter table subscription_forms force row level security;
create policy subscription_forms_tenant on subscription_forms using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table outbox_messages enable row level security;
alter table outbox_messages force row level security;
create policy outbox_messages_tenant on outbox_messages using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
