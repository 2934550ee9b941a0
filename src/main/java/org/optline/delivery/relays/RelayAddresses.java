package org.optline.delivery.relays;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import org.optline.platform.PublicAddresses;

/**
 * Where a client's relay may point: the platform's rule for client-given hosts
 * ({@link PublicAddresses}: no loopback, private, link-local or reserved address unless the
 * installation allows internal ones, and a canonical spelling of numbers in any case), and by
 * default a mail port.
 */
public final class RelayAddresses {

    private static final Set<Integer> MAIL_PORTS = Set.of(25, 465, 587, 2525);

    private RelayAddresses() {}

    /** Why this host and port may not be used, or empty. A name that does not resolve now is checked again at connect time. */
    public static Optional<String> problem(String host, int port, boolean allowInternal) {
        Optional<String> spelling = PublicAddresses.spellingProblem(host);
        if (spelling.isPresent() || allowInternal) {
            return spelling;
        }
        return portProblem(port).or(() -> PublicAddresses.internalAddressOf(host).map(RelayAddresses::internal));
    }

    /**
     * The same rule on the very address a client relay's transport is about to connect to (the
     * name may resolve elsewhere now than when it was saved), or empty.
     */
    public static Optional<String> problem(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        return (PublicAddresses.isInternal(address) ? Optional.of(internal(address)) : Optional.<String>empty())
                .or(() -> portProblem(target.getPort()));
    }

    private static Optional<String> portProblem(int port) {
        return MAIL_PORTS.contains(port) ? Optional.empty() : Optional.of("must be a mail port (25, 465, 587 or 2525)");
    }

    private static String internal(InetAddress a) {
        return "points to an internal address (" + a.getHostAddress() + "); a relay must be a public host";
    }
}
