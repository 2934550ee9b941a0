-- name: client-rows
-- One client's rows of one table; {columns}, {table} and {owner} come from the schema, checked as
-- plain identifiers. Unordered: the export needs every row once, and sorting a large table costs.
select {columns} from {table} where {owner}
