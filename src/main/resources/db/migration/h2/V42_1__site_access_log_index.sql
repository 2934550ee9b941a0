-- Trends read a range of days; the retention purge deletes by time.
create index site_access_log_visit_day_idx on site_access_log (visit_day);
create index site_access_log_at_idx on site_access_log (at);
