/**
 * The analytics module: campaign and client reports read from rollups kept as tracking stores its
 * events, time series for charts, per-subscriber activity, streamed exports, and outgoing signed
 * webhooks delivered from a durable outbox.
 */
@ApplicationModule(displayName = "Analytics")
package org.optline.analytics;

import org.springframework.modulith.ApplicationModule;
