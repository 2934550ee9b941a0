-- Rows arrive in time order, so block ranges index the day and the time at a fraction of a
-- B-tree's size; trends read a range of days, the retention purge deletes by time.
create index site_access_log_visit_day_brin on site_access_log using brin (visit_day);
create index site_access_log_at_brin on site_access_log using brin (at);
-- The access log is the operator's: no client transaction sees it.
alter table site_access_log enable row level security;
alter table site_access_log force row level security;
create policy site_access_log_platform on site_access_log using ((select optline_platform_scope()));
