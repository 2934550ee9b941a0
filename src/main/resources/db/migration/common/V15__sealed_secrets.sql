-- Secrets are sealed before they are stored (AES-256-GCM under a key kept outside the database,
-- see org.optline.platform.SecretBox): base64 of the nonce, the ciphertext of the secret's UTF-8
-- bytes and the tag, with a short prefix: 4/3 of (bytes + 28) plus 19 characters. A relay
-- password of 500 characters is at most 1,500 bytes of UTF-8 (2,059 sealed). The columns make room
-- for that; rows still in the clear are sealed by the nodes at start-up, which hold the key.
alter table client_relays alter column password set data type varchar(3000);
alter table sending_domains alter column private_key set data type varchar(8000);
alter table platform_secrets alter column secret set data type varchar(1000);
