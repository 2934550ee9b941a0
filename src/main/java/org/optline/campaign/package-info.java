/**
 * The campaign module. So far: the content engine (safe personalisation with JMustache over maps
 * of strings, HTML sanitising for email, plain-text generation). Templates, campaigns, the
 * compliance gate, preview and scheduling come next (issue 5).
 */
@ApplicationModule(displayName = "Campaign")
package org.optline.campaign;

import org.springframework.modulith.ApplicationModule;
