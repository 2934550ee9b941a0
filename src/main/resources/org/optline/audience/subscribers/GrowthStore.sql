-- name: joined-per-day
-- New subscribers per UTC day since :from (subscribers_client_created_idx).
select cast(created_at at time zone 'UTC' as date) as day_start, count(*) as joined
from subscribers where client_id = :clientId and created_at >= :from
group by cast(created_at at time zone 'UTC' as date) order by day_start
