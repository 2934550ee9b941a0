/**
 * The campaign module: templates and campaigns, the content engine (safe personalisation with
 * JMustache over maps of strings, CSS inlining, HTML sanitising for email, plain-text generation),
 * previews, the pre-send checklist with the compliance footer, test sends, and the send, schedule,
 * pause, resume and cancel workflow that the delivery module carries out.
 */
@ApplicationModule(displayName = "Campaign")
package org.optline.campaign;

import org.springframework.modulith.ApplicationModule;
