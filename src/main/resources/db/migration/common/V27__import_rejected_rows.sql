-- A rejected import row keeps its original cells (one CSV record, comma-separated, RFC 4180
-- quoting), so the client can download the rejected rows, fix them and import them again. Null
-- for flagged rows, for a row longer than ImportStore.MAX_ROW_CHARS, and for rows rejected before
-- this column existed. Bounded like the rest of import_issues (the first 1000 per import) and
-- deleted with the import (on delete cascade) and by an erasure of an address it holds.
alter table import_issues add column cells varchar(16000);
