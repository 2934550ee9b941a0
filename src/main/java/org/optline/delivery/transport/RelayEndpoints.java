package org.optline.delivery.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.optline.delivery.DeliveryProperties;

/**
 * Where a relay's batches go: the relay's name looked up (kept for a minute), every address it
 * has checked against the transport's address policy, and one of them chosen per batch in turn.
 * A batch that could not connect at all moves the turn on, so the next tries another address.
 */
final class RelayEndpoints {

    private static final long RESOLVE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final DeliveryProperties.Smtp settings;
    private final SmtpRelayTransport.AddressPolicy policy;
    private final SmtpRelayTransport.Resolver resolver;
    private volatile Resolved resolved;
    /** Which of the relay's addresses batches use; moves on when one could not be connected to. */
    private final AtomicInteger addressTurn = new AtomicInteger();

    /** The relay's addresses as last looked up, kept for a minute. */
    private record Resolved(List<InetSocketAddress> addresses, long atNanos) {}

    /**
     * Where one batch goes: an address and the turn it was chosen at (for {@link #unreachable}),
     * or why the batch goes nowhere (every envelope gets that reply).
     */
    record Endpoint(InetSocketAddress address, int turn, SmtpReply refusal) {}

    RelayEndpoints(DeliveryProperties.Smtp settings, SmtpRelayTransport.AddressPolicy policy,
                   SmtpRelayTransport.Resolver resolver) {
        this.settings = settings;
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * The address for the next batch. Looked up on the caller's thread: connections are opened on
     * Netty's threads, where a blocking name lookup would stall every other connection on that
     * thread.
     */
    Endpoint next() {
        List<InetSocketAddress> addresses;
        int turn = addressTurn.get();
        try {
            addresses = relayAddresses();
        } catch (UnknownHostException e) {
            return new Endpoint(null, turn, SmtpReply.unreachable("the name " + settings.host() + " does not resolve"));
        }
        // Every address the name has now, not only this batch's: the relay was saved under the
        // same rule for all of them, and the next batch may take another.
        for (InetSocketAddress a : addresses) {
            Optional<String> refused = policy.refusal(a);
            if (refused.isPresent()) {
                return new Endpoint(null, turn, SmtpReply.relayRefused("the relay " + settings.host() + " " + refused.get()));
            }
        }
        return new Endpoint(addresses.get(Math.floorMod(turn, addresses.size())), turn, null);
    }

    /** No connection of the batch sent to {@code endpoint} worked: the next batch tries the relay's next address. */
    void unreachable(Endpoint endpoint) {
        addressTurn.compareAndSet(endpoint.turn(), endpoint.turn() + 1);
    }

    /** The relay's addresses (a name may have several), sorted; batches take them in turn, and a failed one is passed over by the next. */
    private List<InetSocketAddress> relayAddresses() throws UnknownHostException {
        Resolved r = resolved;
        long now = System.nanoTime();
        if (r == null || now - r.atNanos() > RESOLVE_EVERY_NANOS) {
            String host = settings.host().startsWith("[") ? settings.host().substring(1, settings.host().length() - 1) : settings.host();
            // Sorted, so that a lookup returning them in another order does not move the turn.
            r = new Resolved(Arrays.stream(resolver.addresses(host))
                    .sorted(Comparator.comparing(InetAddress::getHostAddress))
                    .map(a -> new InetSocketAddress(a, settings.port())).toList(), now);
            resolved = r;
        }
        return r.addresses();
    }
}
