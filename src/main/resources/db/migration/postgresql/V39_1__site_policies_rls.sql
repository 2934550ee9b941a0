-- Everyone reads the policy, in any scope, and only the platform adds a version. There is no
-- policy for update or delete, so under forced row-level security neither touches a row: the
-- database itself keeps published versions as they were.
alter table site_policies enable row level security;
alter table site_policies force row level security;
create policy site_policies_read on site_policies for select using (true);
create policy site_policies_publish on site_policies for insert with check ((select optline_platform_scope()));
