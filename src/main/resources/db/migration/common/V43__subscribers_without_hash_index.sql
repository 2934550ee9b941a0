-- No statement looks a subscriber up by its address hash: the lookups by address go through the
-- (client_id, email_key) unique key, and the hash stays a column only to be joined to suppressions
-- (which are keyed by it). The index cost every import a random B-tree insert per new subscriber
-- (143 MB at one million subscribers, with keys spread over the whole tree) and served nothing.
drop index if exists subscribers_hash_idx;
