-- name: recipients
-- Who a campaign may reach: the client's active subscribers confirmed on any of its lists, not
-- suppressed by the client or the platform. A narrowing condition (a segment), pinned to the
-- client by its own parameter, is added after the last line. Delivery fills its send queue with
-- a select over this clause, campaign counts with it.
from subscribers s
where s.client_id = :recipients_clientId
  and s.status = 'active'
  and exists (select 1 from list_memberships m where m.client_id = s.client_id and m.subscriber_id = s.id
              and m.list_id = any(:recipients_lists) and m.status = 'confirmed')
  and not exists (select 1 from suppressions x where x.client_id = s.client_id and x.email_hash = s.email_hash)
  and not exists (select 1 from platform_suppressions p where p.email_hash = s.email_hash)

-- name: in-id-order
-- In subscriber order, the order lanes claim ranges of a send queue in.
order by s.id
