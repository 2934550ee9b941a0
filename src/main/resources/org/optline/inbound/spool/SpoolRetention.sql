-- name: purge-final
-- Messages that reached a final state before the cut-off, oldest first, a bounded number per
-- statement so a long backlog is deleted in short transactions.
delete from inbound_messages where id in (
    select id from inbound_messages
    where state in ('processed', 'unprocessable') and received_at < :before
    order by received_at
    limit :limit)
