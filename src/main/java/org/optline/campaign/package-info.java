/**
 * The campaign module: templates and campaigns, the content engine (safe personalisation with
 * JMustache over maps of strings, HTML sanitising for email, plain-text generation), the
 * compliance footer, previews, the pre-send checklist, test sends and scheduling. Its public face
 * serves a client's users ({@code Campaigns}, {@code Templates}), the delivery module
 * ({@code CampaignDispatch}) and the public web-version page ({@code WebVersions}).
 */
@ApplicationModule(displayName = "Campaign")
package org.optline.campaign;

import org.springframework.modulith.ApplicationModule;
