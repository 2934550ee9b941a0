package org.optline.platform;

/**
 * What an operator gives to create a client. {@code adminPassword} may be null: a strong one is
 * then generated and shown once.
 */
public record NewClient(String name, String postalAddress, String adminEmail, String adminPassword) {}
