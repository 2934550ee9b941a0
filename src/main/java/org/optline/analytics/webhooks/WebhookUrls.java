package org.optline.analytics.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.optline.platform.PublicAddresses;

/**
 * Where an endpoint may point: an absolute http or https URL with a host, no user information
 * (a password in a URL ends up in logs), at most 2,000 characters; and, unless the installation
 * allows internal addresses, a host the platform's rule for client-given hosts
 * ({@link PublicAddresses}) accepts. The rule is applied when the endpoint is saved and again
 * before every attempt, since a name may resolve elsewhere later.
 */
final class WebhookUrls {

    static final int MAX_LENGTH = 2000;

    private WebhookUrls() {}

    /** Why the URL may not be used as an endpoint, or empty. */
    static Optional<String> problem(String url, boolean allowInternal) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL like https://example.com/webhooks");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must start with https:// or http://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI finds no host in a numeric form such as 0x7f.1: name the reason a reader would look for.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "")
                    .replaceFirst(":[0-9]*$", "");
            return PublicAddresses.spellingProblem(authority).or(() -> Optional.of("has no host name"));
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a #fragment");
        }
        return hostProblem(uri.getHost(), allowInternal);
    }

    /** The address rule alone, for a URL that passed {@link #problem} once. */
    static Optional<String> hostProblem(String host, boolean allowInternal) {
        Optional<String> spelling = PublicAddresses.spellingProblem(host);
        if (spelling.isPresent() || allowInternal) {
            return spelling;
        }
        return PublicAddresses.internalAddressOf(host).map(a -> "points to an internal address (" + a.getHostAddress()
                + "); a webhook endpoint must be a public host");
    }
}
