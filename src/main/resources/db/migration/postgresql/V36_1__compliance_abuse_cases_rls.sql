-- Row-level security as everywhere: the desk reads in the platform scope, intake writes in the client's.
alter table abuse_cases enable row level security;
alter table abuse_cases force row level security;
create policy abuse_cases_tenant on abuse_cases
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table abuse_complaints enable row level security;
alter table abuse_complaints force row level security;
create policy abuse_complaints_tenant on abuse_complaints
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table abuse_case_notes enable row level security;
alter table abuse_case_notes force row level security;
create policy abuse_case_notes_tenant on abuse_case_notes
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));
