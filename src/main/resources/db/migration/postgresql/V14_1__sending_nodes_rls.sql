-- Only the platform scope (the delivery worker's node bookkeeping) reads or writes who sends what.
alter table sending_nodes enable row level security;
alter table sending_nodes force row level security;
create policy sending_nodes_platform on sending_nodes using ((select optline_platform_scope()));
