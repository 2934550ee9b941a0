package org.optline.delivery.smtp;

import org.optline.test.PostgresTest;

/** SMTP relay delivery on PostgreSQL. */
@PostgresTest
class PostgresSmtpDeliveryTest extends SmtpDeliveryContract {}
