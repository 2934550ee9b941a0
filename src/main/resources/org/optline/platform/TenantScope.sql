-- name: enter-scope
-- PostgreSQL: the scope the row-level security policies read, for this transaction only.
select set_config('optline.client_id', :clientId, true), set_config('optline.scope', :scope, true)
