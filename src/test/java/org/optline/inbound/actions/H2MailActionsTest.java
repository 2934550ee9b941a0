package org.optline.inbound.actions;

import org.optline.test.OptlineTest;

/** What inbound mail does, on embedded H2. */
@OptlineTest
class H2MailActionsTest extends MailActionsContract {}
