package org.optline.platform;

import java.util.List;

/**
 * Paths a module serves to the public without login (subscription forms, preference centre,
 * tracking). Declared as beans; the web security chain permits them. {@code csrfExempt} is for
 * endpoints posted from other sites or by mail clients (embedded forms, RFC 8058 one-click), which
 * must protect themselves (signed tokens, honeypots, rate limits).
 */
public record PublicPaths(List<String> patterns, boolean csrfExempt) {}
