package org.optline.delivery.smtp;

import org.optline.test.OptlineTest;

/** SMTP relay delivery on embedded H2. */
@OptlineTest
class H2SmtpDeliveryTest extends SmtpDeliveryContract {}
