package org.optline.platform;

import org.optline.test.OptlineTest;

/** Unstorable text and dangling references on embedded H2. */
@OptlineTest
class H2BadTextInputTest extends BadTextInputContract {}
