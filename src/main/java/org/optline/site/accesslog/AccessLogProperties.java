package org.optline.site.accesslog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The site's access log.
 *
 * @param retention  how long rows are kept ({@code OPTLINE_SITE_ACCESS_LOG_RETENTION}); older ones
 *                   are deleted every hour
 * @param queue      requests waiting to be written; past this a request is not logged (and
 *                   counted as dropped) rather than made to wait
 * @param batch      most rows in one insert
 * @param flushEvery how long a row may wait for others before the writer stores what it has
 */
@ConfigurationProperties("optline.site.access-log")
public record AccessLogProperties(@DefaultValue("90d") Duration retention,
                                  @DefaultValue("10000") int queue,
                                  @DefaultValue("500") int batch,
                                  @DefaultValue("1s") Duration flushEvery) {}
