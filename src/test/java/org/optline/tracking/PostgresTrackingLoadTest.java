package org.optline.tracking;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optline.test.PostgresDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** Concurrent clicks through the HTTP server on PostgreSQL, as the plain application role. */
@Tag("postgres")
@ExtendWith(PostgresDatabases.Available.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = TrackingLoadContract.LOAD_SETTINGS)
@ActiveProfiles("test")
@ContextConfiguration(initializers = PostgresDatabases.Initializer.class)
class PostgresTrackingLoadTest extends TrackingLoadContract {}
