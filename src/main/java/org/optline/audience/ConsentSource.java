package org.optline.audience;

/**
 * Where a consent act came from: the {@link ConsentChannel}, an id within it (form id, import
 * id, API key prefix), the IP and user agent, and the consent text the person was shown.
 */
public record ConsentSource(ConsentChannel kind, String sourceId, String ip, String userAgent, String consentText) {}
