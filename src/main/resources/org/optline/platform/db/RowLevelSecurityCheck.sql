-- name: bypasses-rls
-- PostgreSQL: superusers and BYPASSRLS roles are not bound by row-level security.
select rolsuper or rolbypassrls from pg_roles where rolname = current_user
