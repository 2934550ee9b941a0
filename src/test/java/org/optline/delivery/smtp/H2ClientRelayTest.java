package org.optline.delivery.smtp;

import org.optline.test.OptlineTest;

/** Client relays on embedded H2. */
@OptlineTest
class H2ClientRelayTest extends ClientRelayContract {}
