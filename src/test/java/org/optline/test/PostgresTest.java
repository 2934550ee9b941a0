package org.optline.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link OptlineTest}, on a fresh PostgreSQL database that the application reaches as the
 * plain role {@code optline_app} (not a superuser, so row-level security applies). Skipped, with a
 * message, when {@code OPTLINE_TEST_PG_URL} is not set; {@code .ci/run} sets it and fails if these
 * tests were skipped. Name such classes {@code Postgres*Test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postgres")
@ExtendWith(PostgresDatabases.Available.class)
@OptlineTest
@ContextConfiguration(initializers = PostgresDatabases.Initializer.class)
public @interface PostgresTest {}
