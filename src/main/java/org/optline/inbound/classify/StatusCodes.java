package org.optline.inbound.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads status codes out of one field value or one line of bounce text: the enhanced code of
 * RFC 3463 ({@code 5.1.1}) or, failing that, a plain SMTP reply code ({@code 550}), and says
 * which codes blame the sender rather than the recipient.
 */
final class StatusCodes {

    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d])");
    private static final Pattern REPLY = Pattern.compile("(?<![\\d.#:])([45])\\d\\d(?=[ \\-:]|$)");

    private StatusCodes() {
    }

    /** The first enhanced status code in the text ({@code 5.1.1}), or null. */
    static String enhanced(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? m.group(1) + "." + Integer.parseInt(m.group(2)) + "." + Integer.parseInt(m.group(3)) : null;
    }

    /**
     * The first enhanced code in the text, else the class of its first SMTP reply code as an
     * undefined enhanced code ({@code 550} gives {@code 5.0.0}); null when there is neither.
     */
    static String anyCode(String text) {
        String enhanced = enhanced(text);
        if (enhanced != null || text == null) {
            return enhanced;
        }
        Matcher m = REPLY.matcher(text);
        return m.find() ? m.group(1) + ".0.0" : null;
    }

    /** {@code 5.x.x} is permanent, {@code 4.x.x} transient; anything else is neither. */
    static boolean permanent(String code) {
        return code != null && code.startsWith("5.");
    }

    static boolean temporary(String code) {
        return code != null && code.startsWith("4.");
    }

    /**
     * Codes that blame the sender rather than the recipient's address, so a bounce with one must
     * not suppress the recipient (STANDARDS 22): X.7.x, security or policy (5.7.26 unauthenticated,
     * 5.7.1 refused as spam or by policy, 5.7.515 below Outlook's authentication bar), and X.1.7 /
     * X.1.8, the sender's own address is bad.
     */
    static boolean blamesSender(String code) {
        if (code == null) {
            return false;
        }
        String[] parts = code.split("\\.");
        return parts.length == 3 && ("7".equals(parts[1]) || "1".equals(parts[1]) && ("7".equals(parts[2]) || "8".equals(parts[2])));
    }

    /** A code of class X.0.0 says nothing; a more precise one of the same class in the diagnostic is better. */
    static String refine(String status, String diagnostic) {
        String precise = enhanced(diagnostic);
        if (status == null) {
            return precise;
        }
        if (status.endsWith(".0.0") && precise != null && precise.charAt(0) == status.charAt(0) && !precise.endsWith(".0.0")) {
            return precise;
        }
        return status;
    }
}
