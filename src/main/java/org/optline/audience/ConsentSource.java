package org.optline.audience;

/**
 * Where a consent act came from: the kind (form, import, api, operator, preferences, unsubscribe),
 * an id within it (form id, import id, API key prefix), the IP and user agent, and the consent text
 * the person was shown.
 */
public record ConsentSource(String kind, String sourceId, String ip, String userAgent, String consentText) {}
