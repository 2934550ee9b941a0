package org.optline.site.forms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the site's contact and abuse forms ({@code optline.site.forms.*}): how many posts one
 * network may send in a window, how long a pasted message may be, and how long leads and reports
 * are kept after they were answered or filed.
 *
 * @param perIp      accepted posts of one form from one address within {@code window}
 * @param window     the sliding window of {@code perIp}
 * @param pasteMax   characters of a pasted message the abuse form takes
 * @param retention  answered leads and filed reports older than this are deleted
 */
@ConfigurationProperties("optline.site.forms")
public record FormLimits(@DefaultValue("5") int perIp, @DefaultValue("10m") Duration window,
                         @DefaultValue("100000") int pasteMax, @DefaultValue("365d") Duration retention) {}
