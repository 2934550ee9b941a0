-- Row-level security as everywhere: inbound processing writes in the client's scope.
alter table inbound_bounces enable row level security;
alter table inbound_bounces force row level security;
create policy inbound_bounces_tenant on inbound_bounces
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table inbound_complaints enable row level security;
alter table inbound_complaints force row level security;
create policy inbound_complaints_tenant on inbound_complaints
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table inbound_replies enable row level security;
alter table inbound_replies force row level security;
create policy inbound_replies_tenant on inbound_replies
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table bounce_policies enable row level security;
alter table bounce_policies force row level security;
create policy bounce_policies_tenant on bounce_policies
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
