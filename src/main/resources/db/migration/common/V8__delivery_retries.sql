-- Retries: a recipient whose server answered 4xx (or whose connection failed) is 'deferred' and
-- tried again at next_attempt_at, with exponential backoff, until first_attempt_at is older than
-- the retry age; then it fails as a soft bounce. A throttled recipient goes back to 'queued' with a
-- next_attempt_at but no attempt counted. last_reply keeps the server's last answer.
alter table send_queue add column attempts integer default 0 not null;
alter table send_queue add column next_attempt_at timestamp with time zone;
alter table send_queue add column first_attempt_at timestamp with time zone;
alter table send_queue add column last_reply varchar(500);
alter table send_queue drop constraint send_queue_state_check;
alter table send_queue add constraint send_queue_state_check
    check (state in ('queued', 'sending', 'sent', 'deferred', 'failed', 'suppressed'));
