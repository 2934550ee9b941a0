package org.optline.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a host a client gives (a relay, a webhook endpoint) is a public one. Such a host is a
 * connection our nodes open from inside the platform's network, so by default it must not be
 * loopback, a private or link-local range (cloud metadata lives there), a reserved range, or an
 * IPv6 form that carries such an IPv4 address (NAT64, 6to4, IPv4-compatible or -mapped). A host
 * written as numbers must be the canonical dotted quad: resolvers also read hex, octal and
 * shortened forms ({@code 0x7f.1}, {@code 2130706433}), which hide where they point.
 */
public final class PublicAddresses {

    /** A last label of digits, or of 0x and hex digits: a resolver reads the whole host as an IPv4 number. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)[0-9]+|0x[0-9a-f]*");
    private static final Pattern DOTTED_QUAD = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private PublicAddresses() {}

    /**
     * Why this host's spelling may not be used, or empty: a host ending in a label a resolver reads
     * as a number (as WHATWG URL hosts do; no top-level domain is one) must be four decimal numbers.
     * Refused whether internal addresses are allowed or not.
     */
    public static Optional<String> spellingProblem(String host) {
        if (host.startsWith("[")) {
            return Optional.empty();
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (NUMERIC_LABEL.matcher(last).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of("is written as numbers but not as four decimal numbers like 192.0.2.1");
        }
        return Optional.empty();
    }

    /**
     * The first internal address the host (a name, a dotted quad or a bracketed IPv6 address)
     * resolves to, or empty. A name that does not resolve answers empty: the caller checks the
     * address again when it connects.
     */
    public static Optional<InetAddress> internalAddressOf(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Arrays.stream(addresses).filter(PublicAddresses::isInternal).findFirst();
    }

    /** Whether a connection to this address would stay inside a private, local or reserved network. */
    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return reservedIpv4(b);
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return true; // unique local, fc00::/7
        }
        if (startsWith(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) {
            return true; // IPv4-compatible ::/96, deprecated since 2006 (RFC 4291): no public host is reached that way
        }
        if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            return true; // NAT64 for local use, 64:ff9b:1::/48 (RFC 8215): translates to whatever the site chose
        }
        byte[] embedded = embeddedIpv4(b);
        return embedded != null && isInternal(ipv4(embedded));
    }

    /**
     * The IPv4 address an IPv6 transition form carries, or null: mapped ::ffff:0:0/96 (the last
     * four bytes; Java turns mapped text into IPv4, but not every path does), NAT64 64:ff9b::/96
     * (the last four), 6to4 2002::/16 (bytes 2 to 5).
     */
    private static byte[] embeddedIpv4(byte[] b) {
        if (startsWith(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (startsWith(b, 0x20, 0x02)) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }

    /**
     * 0.0.0.0/8, carrier-grade NAT 100.64.0.0/10, IETF protocol assignments 192.0.0.0/24,
     * benchmarking 198.18.0.0/15, and 240.0.0.0/4 (reserved, with the broadcast address).
     */
    private static boolean reservedIpv4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        return o0 == 0 || (o0 == 100 && (o1 & 0xc0) == 64) || (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0)
                || (o0 == 198 && (o1 & 0xfe) == 18) || o0 >= 240;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] four) {
        try {
            return InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
