package org.optline.platform;

/** A user to create inside the acting client (or among operators, for an operator). */
public record NewUser(String email, String password, Role role) {}
