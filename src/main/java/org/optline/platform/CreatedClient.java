package org.optline.platform;

/**
 * A client just created, with its first admin and the secrets that are shown this once and never
 * again: the admin's password (when it was generated) and the admin API key.
 */
public record CreatedClient(Client client, User admin, String generatedAdminPassword, CreatedApiKey adminApiKey) {}
