package org.optline.test;

import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.NewClient;
import org.optline.platform.Role;

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

    public static Actor withRole(CreatedClient client, Role role) {
        return new Actor(Actor.Kind.USER, client.admin().id(), client.admin().email(), client.client().id(), role, "127.0.0.1");
    }
}
