package org.optline.delivery.relays;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * Where a client's relay may point. A client-given host is a connection our nodes open from inside
 * the platform's network, so by default it must be a public address on a mail port: not loopback,
 * not a private or link-local range (cloud metadata lives there), not the platform's own hosts. An
 * installation whose clients are all trusted (and tests) may allow internal addresses.
 */
public final class RelayAddresses {

    private static final Set<Integer> MAIL_PORTS = Set.of(25, 465, 587, 2525);

    private RelayAddresses() {}

    /** Why this host and port may not be used, or empty. A name that does not resolve now is checked again at connect time. */
    public static Optional<String> problem(String host, int port, boolean allowInternal) {
        if (allowInternal) {
            return Optional.empty();
        }
        Optional<String> portProblem = portProblem(port);
        if (portProblem.isPresent()) {
            return portProblem;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress a : addresses) {
            Optional<String> problem = problem(a);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /**
     * The same rule on the very address a client relay's transport is about to connect to (the
     * name may resolve elsewhere now than when it was saved), or empty.
     */
    public static Optional<String> problem(InetSocketAddress target) {
        return problem(target.getAddress()).or(() -> portProblem(target.getPort()));
    }

    private static Optional<String> portProblem(int port) {
        return MAIL_PORTS.contains(port) ? Optional.empty() : Optional.of("must be a mail port (25, 465, 587 or 2525)");
    }

    private static Optional<String> problem(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || isUniqueLocal(a) || isSharedOrReserved(a)) {
            return Optional.of("points to an internal address (" + a.getHostAddress() + "); a relay must be a public host");
        }
        return Optional.empty();
    }

    /** IPv6 unique local addresses, fc00::/7. */
    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    /** IPv4 carrier-grade NAT 100.64.0.0/10 and 0.0.0.0/8. */
    private static boolean isSharedOrReserved(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && ((b[0] & 0xff) == 0 || ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64));
    }
}
