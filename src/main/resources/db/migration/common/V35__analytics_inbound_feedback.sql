-- Bounces and complaints that come back by mail (inbound's BounceReceived and ComplaintReceived)
-- in the analytics rollups (docs/analytics.md). The tables keep their row-level security (V21_1).

-- Per campaign: recipients with a soft bounce and no hard one, and recipients who complained.
alter table campaign_stats add column soft_bounces bigint default 0 not null;
alter table campaign_stats add column complaints bigint default 0 not null;

-- Per recipient: the enhanced status of a hard bounce reported by a DSN (null when the address
-- was refused at send time), the first soft bounce and its status, and the first complaint with
-- its feedback type. Setting a *_at column from null is what counts the person, as for opens.
alter table campaign_recipients add column bounce_status varchar(16);
alter table campaign_recipients add column soft_bounced_at timestamp with time zone;
alter table campaign_recipients add column soft_bounce_status varchar(16);
alter table campaign_recipients add column complained_at timestamp with time zone;
alter table campaign_recipients add column feedback_type varchar(32);

-- Per client and day: hard bounces reported by DSNs (hard_bounces stays the refusals at send
-- time, so sent + hard_bounces remains the messages handed over), soft bounces and complaints.
alter table client_day_stats add column dsn_hard_bounces bigint default 0 not null;
alter table client_day_stats add column soft_bounces bigint default 0 not null;
alter table client_day_stats add column complaints bigint default 0 not null;
