package org.optline.audience;

import org.optline.test.OptlineTest;

/** The audience data layer on embedded H2. */
@OptlineTest
class H2AudienceDataTest extends AudienceDataContract {

    @Override
    String vendor() {
        return "h2";
    }
}
