/**
 * The delivery module: the send queue and its worker (lanes, leases, retries, throttles shared
 * between nodes), the capture outbox and the SMTP relay transports (the platform's and each
 * client's), DKIM signing, VERP return paths and sending domains. It implements the platform's
 * transactional-mail port and the campaign module's sender-domain and progress ports.
 */
@ApplicationModule(displayName = "Delivery")
package org.optline.delivery;

import org.springframework.modulith.ApplicationModule;
