package org.optline.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Campaign settings: {@code testSendsPerHour} is how many test messages one client may send in a
 * clock hour (UTC), counted across all nodes ({@code OPTLINE_TEST_SENDS_PER_HOUR});
 * {@code schedulePoll} is how often each node looks for scheduled campaigns whose time has come
 * ({@code OPTLINE_CAMPAIGNS_SCHEDULEPOLL}), so a campaign starts at most that late.
 */
@ConfigurationProperties("optline.campaigns")
public record CampaignProperties(@DefaultValue("50") int testSendsPerHour, @DefaultValue("500ms") Duration schedulePoll) {}
