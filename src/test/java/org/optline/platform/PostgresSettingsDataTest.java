package org.optline.platform;

import org.optline.test.PostgresTest;

/** Client details, roles and the audit log's filters on PostgreSQL, as the non-superuser application role. */
@PostgresTest
class PostgresSettingsDataTest extends SettingsDataContract {}
