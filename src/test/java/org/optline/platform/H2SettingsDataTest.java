package org.optline.platform;

import org.optline.test.OptlineTest;

/** Client details, roles and the audit log's filters on embedded H2. */
@OptlineTest
class H2SettingsDataTest extends SettingsDataContract {}
