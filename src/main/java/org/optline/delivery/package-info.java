/**
 * The delivery module. So far: the built-in capture outbox, which stores every message instead of
 * sending it, and the transactional-mail port implemented on top of it. The send queue, SMTP pool,
 * DKIM and VERP come with the delivery engine.
 */
@ApplicationModule(displayName = "Delivery")
package org.optline.delivery;

import org.springframework.modulith.ApplicationModule;
