-- name: insert
insert into site_access_log (at, visit_day, method, path, status, bytes, referrer_host, browser, network)
values (?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: purge
-- Rows from before the cut-off, a bounded number per statement so a long backlog is deleted in
-- short transactions.
delete from site_access_log where id in (
    select id from site_access_log where at < :before
    limit :limit)

-- name: days
-- Per day: requests, distinct networks, bytes, and the status classes.
select visit_day,
       count(*) as requests,
       count(distinct network) as networks,
       coalesce(sum(bytes), 0) as bytes,
       sum(case when status between 200 and 299 then 1 else 0 end) as status_2xx,
       sum(case when status between 300 and 399 then 1 else 0 end) as status_3xx,
       sum(case when status between 400 and 499 then 1 else 0 end) as status_4xx,
       sum(case when status between 500 and 599 then 1 else 0 end) as status_5xx
from site_access_log
where visit_day between :from and :to
group by visit_day
order by visit_day

-- name: networks
-- Distinct networks over the whole range (a network seen on several days counts once).
select count(distinct network) from site_access_log where visit_day between :from and :to

-- name: pages
select path as label, count(*) as requests
from site_access_log
where visit_day between :from and :to
group by path
order by requests desc, path
limit :limit

-- name: browsers
select browser as label, count(*) as requests
from site_access_log
where visit_day between :from and :to
group by browser
order by requests desc, browser
limit :limit

-- name: referrers
select referrer_host as label, count(*) as requests
from site_access_log
where visit_day between :from and :to and referrer_host is not null
group by referrer_host
order by requests desc, referrer_host
limit :limit

-- name: page-days
-- Each day's requests per page, for the daily export's most requested page.
select visit_day, path as label, count(*) as requests
from site_access_log
where visit_day between :from and :to
group by visit_day, path

-- name: browser-days
select visit_day, browser as label, count(*) as requests
from site_access_log
where visit_day between :from and :to
group by visit_day, browser
