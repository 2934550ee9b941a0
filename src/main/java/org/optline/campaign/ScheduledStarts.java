package org.optline.campaign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every node starts the scheduled campaigns whose time has come, every
 * {@code optline.campaigns.schedule-poll}; the start is a conditional update, so two nodes never
 * start one campaign twice. The delivery module then sends what is {@code sending}.
 */
@Component
class ScheduledStarts implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledStarts.class);

    private final CampaignDispatch dispatch;
    private final CampaignProperties settings;

    ScheduledStarts(CampaignDispatch dispatch, CampaignProperties settings) {
        this.dispatch = dispatch;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::poll, settings.schedulePoll(), settings.schedulePoll()));
    }

    void poll() {
        try {
            dispatch.startDue();
        } catch (RuntimeException e) {
            log.warn("Starting due campaigns failed", e);
        }
    }
}
