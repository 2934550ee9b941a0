alter table subscriber_confirmations enable row level security;
alter table subscriber_confirmations force row level security;
create policy subscriber_confirmations_tenant on subscriber_confirmations
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
