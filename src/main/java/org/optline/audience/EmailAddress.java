package org.optline.audience;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.optline.platform.ValidationException;

/**
 * A subscriber's address, normalised: trimmed, the domain lower-cased (and IDN domains in their
 * ASCII form), the local part as typed. {@link #key()} is the whole address lower-cased, which is
 * what makes two addresses "the same subscriber" within a client.
 */
public record EmailAddress(String value) {

    private static final Pattern LOCAL = Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern TLD = Pattern.compile("^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
    private static final Set<String> ROLE_LOCAL_PARTS = Set.of("postmaster", "abuse", "noreply", "no-reply",
            "donotreply", "do-not-reply", "mailer-daemon", "hostmaster", "webmaster", "root", "admin",
            "administrator", "security", "bounce", "bounces", "listserv", "majordomo", "nobody");
    private static final Set<String> RESERVED_DOMAINS = Set.of("example.com", "example.net", "example.org",
            "test.com", "localhost", "localdomain", "invalid", "mailinator.com");
    private static final Set<String> RESERVED_TLDS = Set.of("test", "example", "invalid", "localhost", "local");

    /** Parses and normalises, or says why the text is not an address. */
    public static Parse parse(String raw) {
        if (raw == null) {
            return Parse.error("is required");
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            return Parse.error("is required");
        }
        if (text.length() > 254) {
            return Parse.error("is longer than 254 characters");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return Parse.error("is not an email address");
        }
        String local = text.substring(0, at);
        String domain;
        try {
            domain = IDN.toASCII(text.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Parse.error("has an invalid domain");
        }
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return Parse.error("has an invalid part before the @");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Parse.error("has no top-level domain");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Parse.error("has an invalid domain");
            }
        }
        if (!TLD.matcher(labels[labels.length - 1]).matches()) {
            return Parse.error("has an invalid top-level domain");
        }
        return new Parse(new EmailAddress(local + "@" + domain), null);
    }

    /** Like {@link #parse} but throws a validation error naming {@code field}. */
    public static EmailAddress of(String field, String raw) {
        Parse parse = parse(raw);
        if (parse.error() != null) {
            throw ValidationException.of(field, parse.error());
        }
        return parse.address();
    }

    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    /** SHA-256 of the key, hex: how suppressions and erasure tombstones name an address. */
    public String hash() {
        return hashOfKey(key());
    }

    /** SHA-256 (hex) of an address key. */
    public static String hashOfKey(String key) {
        return HexFormat.of().formatHex(SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** One digest per thread: a send hashes every recipient, and each lookup among the providers cost more than the hash. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** Why this address deserves a second look before mailing, if it does (role account, reserved domain). */
    public Optional<String> concern() {
        String local = value.substring(0, value.lastIndexOf('@')).toLowerCase(Locale.ROOT);
        String domain = domain();
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        if (ROLE_LOCAL_PARTS.contains(local)) {
            return Optional.of("role address (" + local + "@): rarely a person who opted in");
        }
        if (RESERVED_DOMAINS.contains(domain) || RESERVED_TLDS.contains(tld)) {
            return Optional.of("reserved or disposable domain (" + domain + ")");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }

    /** The outcome of parsing: an address, or the reason there is none. */
    public record Parse(EmailAddress address, String error) {
        static Parse error(String message) {
            return new Parse(null, message);
        }

        public boolean ok() {
            return address != null;
        }
    }
}
