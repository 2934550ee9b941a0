-- Termination jobs are the operator's: no client transaction sees them.
alter table termination_jobs enable row level security;
alter table termination_jobs force row level security;
create policy termination_jobs_platform on termination_jobs using ((select optline_platform_scope()));
