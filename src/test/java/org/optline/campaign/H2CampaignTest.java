package org.optline.campaign;

import org.optline.test.OptlineTest;

/** Campaigns on embedded H2. */
@OptlineTest
class H2CampaignTest extends CampaignContract {}
