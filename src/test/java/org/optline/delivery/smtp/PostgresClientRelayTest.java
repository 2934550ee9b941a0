package org.optline.delivery.smtp;

import org.optline.test.PostgresTest;

/** Client relays on PostgreSQL (row-level security on client_relays). */
@PostgresTest
class PostgresClientRelayTest extends ClientRelayContract {}
