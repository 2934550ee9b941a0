package org.optline.platform;

/** A key just created, with the full secret: shown once, stored only as a hash. */
public record CreatedApiKey(ApiKey key, String secret) {}
