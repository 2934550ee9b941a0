-- A client sees the confirmation mail its own subscription forms sent: platform-held mail
-- (client_id null) that names the client in on_behalf_of. The application shows it only to the
-- client's admins, with the confirmation link withheld (docs/delivery.md); no other client's
-- confirmation mail becomes visible.
drop policy outbox_messages_tenant on outbox_messages;
create policy outbox_messages_tenant on outbox_messages using ((select optline_platform_scope())
    or client_id = (select optline_current_client())
    or (client_id is null and on_behalf_of = (select optline_current_client())));
