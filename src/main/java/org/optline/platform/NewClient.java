package org.optline.platform;

/**
 * What an operator gives to create a client. {@code adminPassword} may be null: a strong one is
 * then generated and shown once.
 */
public record NewClient(String name, String postalAddress, String adminEmail, String adminPassword, String timeZone) {

    /** A client in UTC. */
    public NewClient(String name, String postalAddress, String adminEmail, String adminPassword) {
        this(name, postalAddress, adminEmail, adminPassword, null);
    }
}
