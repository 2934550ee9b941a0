-- Row-level security: the second wall behind the client_id filter every query already has.
-- TenantScope sets optline.client_id (a client's transaction) or optline.scope = 'platform'
-- (operator work, login, key lookup) with set_config(..., true), which lasts one transaction.
-- Outside any scope no policy matches, so a query that escaped the application's filters sees
-- nothing. FORCE makes the policies bind the tables' owner too (the app role usually owns them);
-- superusers and BYPASSRLS roles still bypass RLS, so the app must not connect as one
-- (see docs/operations.md; start-up warns).
-- The policies call the scope functions inside scalar sub-selects, which PostgreSQL evaluates once
-- per query (an InitPlan) instead of once per row: on a million-row count that is the difference
-- between a policy that costs nothing and one that triples the query time.

-- PARALLEL SAFE: without it every query on a protected table loses parallel workers.
create function optline_current_client() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('optline.client_id', true), '')::uuid $$;

create function optline_platform_scope() returns boolean
    language sql stable parallel safe
    as $$ select coalesce(current_setting('optline.scope', true), '') = 'platform' $$;

alter table clients enable row level security;
alter table clients force row level security;
create policy clients_tenant on clients
    using ((select optline_platform_scope()) or id = (select optline_current_client()));

alter table users enable row level security;
alter table users force row level security;
create policy users_tenant on users
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy api_keys_tenant on api_keys
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy audit_log_tenant on audit_log
    using ((select optline_platform_scope()) or client_id = (select optline_current_client()));

alter table platform_bootstrap enable row level security;
alter table platform_bootstrap force row level security;
create policy platform_bootstrap_platform on platform_bootstrap
    using ((select optline_platform_scope()));

-- The audit log is append-only for everybody, the owner included: rows can be added, never
-- changed or removed.
create function optline_audit_log_is_append_only() returns trigger
    language plpgsql
    as $$ begin raise exception 'audit_log is append-only'; end $$;

create trigger audit_log_append_only
    before update or delete on audit_log
    for each row execute function optline_audit_log_is_append_only();

create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function optline_audit_log_is_append_only();
