/**
 * The tracking module: the open pixel and signed click redirects that delivery writes into each
 * message, the classification of machine hits (mailbox-provider prefetch, security scanners)
 * apart from people, and the batched ingestion that answers a hit only once its event is stored.
 * Other modules follow the stored events through {@link org.optline.tracking.TrackedEventsListener}.
 */
@ApplicationModule(displayName = "Tracking")
package org.optline.tracking;

import org.springframework.modulith.ApplicationModule;
