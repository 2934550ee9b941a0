package org.optline.platform;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A tenant: a company that uses Optline, with the postal address every message will carry. */
public record Client(UUID id, String name, String postalAddress, ClientStatus status, String timeZone,
                     OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The client's time zone, for schedules and reports. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /**
     * The postal address as a mail footer prints it below the client's name: its lines without
     * blank ones, and without the company named again at its start. The footer shows the name
     * already, so a first line that is the name ("Acme"), the name with a legal form and no
     * street ("Acme GmbH"), or the name before a comma ("Acme GmbH, Hauptstr. 1" keeps
     * "Hauptstr. 1") is left out. Null when there is no address.
     */
    public String footerAddress() {
        return footerAddress(name, postalAddress);
    }

    /** As {@link #footerAddress()}, for a name and address not (yet) in a client. */
    public static String footerAddress(String name, String postalAddress) {
        if (postalAddress == null) {
            return null;
        }
        List<String> lines = new ArrayList<>(postalAddress.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (!lines.isEmpty() && name != null && !name.isBlank()) {
            String company = name.strip().toLowerCase(Locale.ROOT);
            String first = lines.get(0);
            String lower = first.toLowerCase(Locale.ROOT);
            int comma = first.indexOf(',');
            String beforeComma = comma < 0 ? lower : lower.substring(0, comma).strip();
            if (lower.replaceAll("[,.]$", "").equals(company) || isCompany(company, beforeComma) && comma < 0) {
                lines.remove(0);
            } else if (isCompany(company, beforeComma)) {
                lines.set(0, first.substring(comma + 1).strip());
            }
        }
        return String.join("\n", lines);
    }

    /** Whether {@code text} names the company: its name, alone or followed by words without a digit (a legal form). */
    private static boolean isCompany(String company, String text) {
        return text.equals(company) || text.startsWith(company + " ") && text.chars().noneMatch(Character::isDigit);
    }
}
