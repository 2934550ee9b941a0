package org.optline.platform;

import org.optline.test.PostgresTest;

/** Unstorable text and dangling references on PostgreSQL, which refuses a NUL character in text. */
@PostgresTest
class PostgresBadTextInputTest extends BadTextInputContract {}
