package org.optline.campaign;

import org.optline.test.PostgresTest;

/** Campaigns on PostgreSQL. */
@PostgresTest
class PostgresCampaignTest extends CampaignContract {}
