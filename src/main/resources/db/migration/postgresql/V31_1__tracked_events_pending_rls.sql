-- Row-level security as everywhere: the writer and the fan-out work in the platform scope.
alter table tracked_events_pending enable row level security;
alter table tracked_events_pending force row level security;
create policy tracked_events_pending_tenant on tracked_events_pending
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
