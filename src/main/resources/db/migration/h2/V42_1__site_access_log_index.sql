-- Trends read a range of days; the retention purge deletes by time.
create index site_access_log_day_idx on site_access_log (day);
create index site_access_log_at_idx on site_access_log (at);
