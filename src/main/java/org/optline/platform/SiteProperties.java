package org.optline.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The installation as the public sees it: {@code baseUrl}, the address links in mail point at
 * ({@code OPTLINE_BASE_URL}, kept without a trailing slash so links append their path to it; unset,
 * {@code application.yml} makes it {@code http://localhost:} followed by {@code OPTLINE_PORT}), and
 * {@code secret}, the key that signs those links ({@code OPTLINE_SECRET}; empty: one generated
 * once and kept in the database, see {@link Signer}).
 */
@ConfigurationProperties("optline")
public record SiteProperties(@DefaultValue("http://localhost:8080") String baseUrl, String secret) {

    public SiteProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Whether the signing key is given in the configuration rather than kept in the database. */
    public boolean secretConfigured() {
        return secret != null && !secret.isBlank();
    }

    /** Never prints the secret (records would). */
    @Override
    public String toString() {
        return "SiteProperties[baseUrl=" + baseUrl + "]";
    }
}
