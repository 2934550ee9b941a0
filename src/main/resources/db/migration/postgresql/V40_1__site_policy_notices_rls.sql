-- Policy notices are the operator's: no client transaction sees them.
alter table site_policy_notices enable row level security;
alter table site_policy_notices force row level security;
create policy site_policy_notices_platform on site_policy_notices using ((select optline_platform_scope()));
