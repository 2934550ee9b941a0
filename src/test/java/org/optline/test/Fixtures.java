package org.optline.test;

import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.NewClient;
import org.optline.platform.Role;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Small helpers to set up clients and actors in tests. */
public final class Fixtures {

    public static final String OPERATOR_KEY = "opl_test_operator_key_0123456789";
    public static final String OPERATOR_EMAIL = "operator@optline.test";
    public static final String OPERATOR_PASSWORD = "operator password for tests";

    private Fixtures() {}

    public static Actor operator() {
        return new Actor(Actor.Kind.SYSTEM, null, "test operator", null, Role.OPERATOR, "127.0.0.1");
    }

    /** A client with a unique admin email, created by the operator. */
    public static CreatedClient client(Clients clients, String name) {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@" + name.toLowerCase().replace(' ', '-') + ".test";
        return clients.create(operator(), new NewClient(name, "1 Main Street, Springfield", email, null));
    }

    /** The client's first admin, acting in the UI. */
    public static Actor admin(CreatedClient client) {
        return new Actor(Actor.Kind.USER, client.admin().id(), client.admin().email(), client.client().id(),
                Role.CLIENT_ADMIN, "127.0.0.1");
    }

    /**
     * A signed token with one character of its signature changed. The first signature character
     * carries six full bits, so the change always alters the signature (a change in the last
     * character may only touch padding bits that decoding ignores).
     */
    public static String tampered(String token) {
        int dot = token.indexOf('.');
        char c = token.charAt(dot + 1);
        return token.substring(0, dot + 1) + (c == 'A' ? 'B' : 'A') + token.substring(dot + 2);
    }

    /**
     * A domain name no other test's client holds, below {@code base}: a sending domain belongs to
     * one client, and tests share a database.
     */
    public static String domain(String base) {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + "." + base;
    }

    /**
     * Marks the client's sending domain verified, as a DNS check that found its DKIM record would:
     * for tests that send through an SMTP relay and are not about DNS (DnsDomainChecksContract is).
     */
    public static void verified(TenantScope scope, JdbcClient jdbc,
                                UUID clientId, String domain) {
        int rows = scope.inClient(clientId, () -> jdbc.sql("update sending_domains set verified_at = current_timestamp, "
                + "checked_at = current_timestamp, dkim_check = 'published' where client_id = :clientId and domain = :domain")
                .param("clientId", clientId).param("domain", domain).update());
        if (rows != 1) {
            throw new IllegalStateException("No sending domain " + domain + " of client " + clientId);
        }
    }

    public static Actor withRole(CreatedClient client, Role role) {
        return new Actor(Actor.Kind.USER, client.admin().id(), client.admin().email(), client.client().id(), role, "127.0.0.1");
    }
}
