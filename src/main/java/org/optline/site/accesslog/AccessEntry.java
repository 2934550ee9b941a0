package org.optline.site.accesslog;

import java.time.OffsetDateTime;

/** One logged request, already stripped of anything that could name a person. */
record AccessEntry(OffsetDateTime at, String method, String path, int status, long bytes, String referrerHost, String browser,
                   String network) {}
