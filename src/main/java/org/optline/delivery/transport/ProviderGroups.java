package org.optline.delivery.transport;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.optline.delivery.DeliveryProperties;

/**
 * Recipient domains grouped by the mailbox provider behind them (gmail.com and googlemail.com are
 * one provider to the receiving side), with how many SMTP transactions to each may be open at once.
 * A domain in no group is a destination of its own, with the default limit.
 */
public final class ProviderGroups {

    private final Map<String, String> groupOfDomain = new HashMap<>();
    private final Map<String, Integer> concurrency = new HashMap<>();
    private final int domainConcurrency;

    public ProviderGroups(DeliveryProperties.Throttle settings) {
        this.domainConcurrency = Math.max(0, settings.domainConcurrency());
        settings.domainGroups().forEach((name, group) -> {
            if (group.domains() != null) {
                group.domains().forEach(d -> groupOfDomain.put(d.toLowerCase(Locale.ROOT), name));
            }
            // A group set up for its rate alone keeps the limit every other destination has.
            concurrency.put(name, group.concurrency() < 0 ? domainConcurrency : group.concurrency());
        });
    }

    /** The provider group a recipient domain belongs to, or the domain itself. */
    public String destinationOf(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return groupOfDomain.getOrDefault(d, d);
    }

    /** The destination of a recipient address (the part after its last {@code @}). */
    public String destinationOfRecipient(String address) {
        return destinationOf(address.substring(address.lastIndexOf('@') + 1));
    }

    /** How many transactions to {@code destination} may be open at once; 0 = no limit of its own. */
    public int concurrency(String destination) {
        return concurrency.getOrDefault(destination, domainConcurrency);
    }
}
