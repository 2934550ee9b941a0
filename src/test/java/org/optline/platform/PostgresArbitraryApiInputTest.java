package org.optline.platform;

import org.optline.test.PostgresTest;

/** Arbitrary input to every API route on PostgreSQL, which refuses some text H2 takes (a NUL character). */
@PostgresTest
class PostgresArbitraryApiInputTest extends ArbitraryApiInputContract {}
