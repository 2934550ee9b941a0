-- Secrets are sealed before they are stored (AES-256-GCM under a key kept outside the database,
-- see org.optline.platform.SecretBox): base64 of the nonce, ciphertext and tag with a short
-- prefix, about 4/3 of the secret plus 60 characters. The columns make room for that; rows still
-- in the clear are sealed by the nodes at start-up, which hold the key.
alter table client_relays alter column password set data type varchar(1000);
alter table sending_domains alter column private_key set data type varchar(8000);
alter table platform_secrets alter column secret set data type varchar(1000);
