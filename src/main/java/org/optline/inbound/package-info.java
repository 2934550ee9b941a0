/**
 * The inbound module: the SMTP listener on the bounce and reply domains, the store that holds
 * every accepted message before its 250, and the processing that reads each one (delivery status
 * notifications, feedback-loop complaints, replies) and turns it into bounces, complaints,
 * unsubscribes and kept replies. Other modules follow {@link org.optline.inbound.BounceReceived}
 * and {@link org.optline.inbound.ComplaintReceived}.
 */
@ApplicationModule(displayName = "Inbound")
package org.optline.inbound;

import org.springframework.modulith.ApplicationModule;
