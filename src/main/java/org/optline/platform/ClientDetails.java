package org.optline.platform;

/** What an operator may change of a client after creating it: the postal address its mail carries and its time zone. */
public record ClientDetails(String postalAddress, String timeZone) {}
