package org.optline.delivery.secrets;

import org.optline.test.OptlineTest;

/** Sealed secrets on embedded H2. */
@OptlineTest
class H2SealedSecretsTest extends SealedSecretsContract {}
