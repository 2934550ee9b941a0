package org.optline.delivery.domains;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.optline.delivery.DeliveryProperties;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * TXT lookups in the real DNS, through the resolvers configured ({@code optline.delivery.dns.servers},
 * host:port, comma-separated; the system's when empty), with a timeout and a cache. The cache keeps
 * answers and "no such record" for at most {@code cache-ttl} (less when the record's own TTL is
 * shorter), so repeated checks of one domain ask the resolver once, and a record just published is
 * seen within that time.
 */
@Component
public class DnsRecords {

    /** A name's TXT records, each one's strings joined; empty when the name or its TXT records do not exist. */
    public record Txt(List<String> texts) {}

    /** The resolver did not answer in time, or answered with a failure: nothing is known about the name. */
    public static final class Unanswered extends Exception {
        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final LookupSession session;
    private final Duration timeout;

    public DnsRecords(DeliveryProperties settings) {
        DeliveryProperties.Dns dns = settings.dns();
        this.timeout = dns.timeout();
        Resolver resolver = resolver(dns.servers(), timeout);
        Cache cache = new Cache(DClass.IN);
        cache.setMaxCache((int) dns.cacheTtl().toSeconds());
        cache.setMaxNCache((int) dns.cacheTtl().toSeconds());
        // Names are looked up as given (absolute), never along a search path; callbacks run on the
        // resolver's own thread, not the common fork-join pool.
        this.session = LookupSession.builder().resolver(resolver).cache(cache).clearSearchPath().executor(Runnable::run).build();
    }

    private static Resolver resolver(String servers, Duration timeout) {
        List<Resolver> resolvers = new ArrayList<>();
        for (String server : servers.split(",")) {
            String s = server.strip();
            if (s.isEmpty()) {
                continue;
            }
            SimpleResolver simple = new SimpleResolver(address(s));
            simple.setTimeout(timeout);
            resolvers.add(simple);
        }
        ExtendedResolver resolver = resolvers.isEmpty() ? new ExtendedResolver() : new ExtendedResolver(resolvers);
        resolver.setTimeout(timeout);
        resolver.setRetries(1);
        return resolver;
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; port 53 when none. */
    static InetSocketAddress address(String server) {
        String host = server;
        int port = 53;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("optline.delivery.dns.servers: " + server + " lacks its ]");
            }
            host = server.substring(1, close);
            if (server.length() > close + 1) {
                port = Integer.parseInt(server.substring(close + 2));
            }
        } else if (server.indexOf(':') >= 0 && server.indexOf(':') == server.lastIndexOf(':')) {
            host = server.substring(0, server.indexOf(':'));
            port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
        }
        return new InetSocketAddress(host, port);
    }

    /** The TXT records of {@code name} (a domain name without the final dot). */
    public Txt txt(String name) throws Unanswered {
        Name absolute;
        try {
            absolute = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("Not a domain name: " + name, e);
        }
        try {
            var result = session.lookupAsync(absolute, Type.TXT).toCompletableFuture()
                    .get(timeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
            return new Txt(result.getRecords().stream().filter(TXTRecord.class::isInstance)
                    .map(r -> String.join("", ((TXTRecord) r).getStrings())).toList());
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NoSuchDomainException || cause instanceof NoSuchRRSetException) {
                return new Txt(List.of());
            }
            throw new Unanswered("No answer for " + name + ": " + cause, cause);
        } catch (TimeoutException e) {
            throw new Unanswered("No answer for " + name + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("Interrupted looking up " + name, e);
        }
    }
}
