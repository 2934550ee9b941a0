-- Row-level security for the analytics rollups (V21).
alter table campaign_stats enable row level security;
alter table campaign_stats force row level security;
create policy campaign_stats_tenant on campaign_stats using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table campaign_link_stats enable row level security;
alter table campaign_link_stats force row level security;
create policy campaign_link_stats_tenant on campaign_link_stats using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table campaign_hour_stats enable row level security;
alter table campaign_hour_stats force row level security;
create policy campaign_hour_stats_tenant on campaign_hour_stats using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table campaign_provider_stats enable row level security;
alter table campaign_provider_stats force row level security;
create policy campaign_provider_stats_tenant on campaign_provider_stats using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table campaign_recipients enable row level security;
alter table campaign_recipients force row level security;
create policy campaign_recipients_tenant on campaign_recipients using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table campaign_link_clickers enable row level security;
alter table campaign_link_clickers force row level security;
create policy campaign_link_clickers_tenant on campaign_link_clickers using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table subscriber_engagement enable row level security;
alter table subscriber_engagement force row level security;
create policy subscriber_engagement_tenant on subscriber_engagement using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table client_day_stats enable row level security;
alter table client_day_stats force row level security;
create policy client_day_stats_tenant on client_day_stats using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
