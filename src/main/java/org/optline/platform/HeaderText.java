package org.optline.platform;

/**
 * Text that goes into a mail header (a subject, a sender's name, a header value) is one line: CR
 * and LF become spaces, so no input can start a header of its own (STANDARDS 7.56). One rule for
 * the campaign module, which renders subjects, and the delivery module, which writes the headers.
 */
public final class HeaderText {

    private HeaderText() {}

    /** The value on one line and stripped; null becomes empty. */
    public static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value.strip(); // the usual case, without a regular expression per message
        }
        return value.replaceAll("[\\r\\n]+", " ").strip();
    }
}
