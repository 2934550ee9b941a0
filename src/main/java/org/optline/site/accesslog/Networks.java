package org.optline.site.accesslog;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Cuts a client address down to its network before it is kept anywhere: IPv4 to its /24 (the last
 * octet zeroed), IPv6 to its /48 (the rest zeroed). An IPv4 address written as IPv6
 * ({@code ::ffff:203.0.113.77}) is treated as the IPv4 address it is. What is not an address
 * literal gives null: nothing is ever looked up by name, so a forged value costs no DNS query.
 */
final class Networks {

    private Networks() {}

    /** The network of {@code address} in its canonical text ({@code 203.0.113.0}, {@code 2001:db8:1234::}), or null. */
    static String of(String address) {
        if (address == null) {
            return null;
        }
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.isEmpty() || literal.length() > 45) {
            return null;
        }
        InetAddress parsed;
        try {
            // Guava parses literals only; InetAddress.getByName would resolve anything else.
            parsed = InetAddresses.forString(literal);
        } catch (IllegalArgumentException notALiteral) {
            return null;
        }
        // An IPv4-mapped literal (::ffff:a.b.c.d) already parses as the IPv4 address: four bytes.
        byte[] bytes = parsed.getAddress();
        if (bytes.length == 4) {
            bytes[3] = 0;
        } else {
            Arrays.fill(bytes, 6, 16, (byte) 0);
        }
        try {
            return InetAddresses.toAddrString(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            return null;
        }
    }
}
