package org.optline.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Campaign settings: {@code testSendsPerHour} is how many test messages one client may send in a
 * clock hour (UTC), counted across all nodes ({@code OPTLINE_TEST_SENDS_PER_HOUR}).
 */
@ConfigurationProperties("optline.campaigns")
public record CampaignProperties(@DefaultValue("50") int testSendsPerHour) {}
