package org.optline.tracking;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Concurrent clicks through the HTTP server on embedded H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = TrackingLoadContract.LOAD_SETTINGS)
@ActiveProfiles("test")
class H2TrackingLoadTest extends TrackingLoadContract {}
