package org.optline.delivery.outbox;

/**
 * Quoted-printable (RFC 2045 6.7) of a text part in UTF-8, written straight into the composer's
 * array: the text's characters are encoded in one pass, without a UTF-8 byte array of the text
 * first. Every CR, LF or CRLF of the text becomes one CRLF line break; "=", control characters
 * (tab included) and bytes outside ASCII are written as "=XX"; a blank just before a
 * line break or at the very end is written as "=20"; lines longer than 76 characters are broken
 * with a soft "=" line break.
 *
 * <p>Why not a library's encoder: Angus Mail's {@code QPEncoderStream}, used until 791062a
 * (2026-11-30), is a filter stream that decides and writes one byte at a time, and profiling put
 * it at two thirds of the CPU of composing a 5 KB message, with the UTF-8 copy of the text it needed.
 * This one decides and copies runs of characters that are written as they are in one pass, a
 * line's room at a time, and makes no UTF-8 copy (docs/benchmarks-log.md). Commons Codec's encoder
 * writes line breaks as "=0D=0A" and into a locked stream. The output is byte for byte what
 * Angus's encoder writes ({@code QuotedPrintableProperties} checks that on arbitrary text), so
 * nothing changes for receivers or for DKIM.
 */
final class QuotedPrintable {

    /** Characters a line may carry before a soft break: 76 less the "=" that ends a broken line. */
    private static final int LINE = 75;
    /** ASCII characters written as they are: the printable ones but "=" (a blank too, unless it ends a line). */
    private static final boolean[] PLAIN = new boolean[128];
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    static {
        for (int c = ' '; c < 0x7f; c++) {
            PLAIN[c] = c != '=';
        }
    }

    /**
     * Each builder thread's copy of the text it encodes: one bulk copy of the characters, then
     * plain array reads, instead of a bounds- and coder-checked {@code charAt} for each of them.
     * Texts longer than this are copied into an array of their own, which is not kept: request
     * threads that compose the odd transactional mail keep at most 64 KB each.
     */
    private static final int KEPT_CHARS = 32 * 1024;
    private static final ThreadLocal<char[]> CHARS = ThreadLocal.withInitial(() -> new char[8 * 1024]);
    private static final char[] REPLACEMENT = {'?'};

    private final MessageBytes out;
    private int column;

    private QuotedPrintable(MessageBytes out) {
        this.out = out;
    }

    /** Appends {@code text}, encoded, to {@code out}. */
    static void encode(String text, MessageBytes out) {
        int n = text.length();
        char[] chars = CHARS.get();
        if (chars.length < n) {
            chars = new char[n];
            if (n <= KEPT_CHARS) {
                CHARS.set(chars);
            }
        }
        text.getChars(0, n, chars, 0);
        QuotedPrintable qp = new QuotedPrintable(out);
        int i = 0;
        while (i < n) {
            char c = chars[i];
            if (writtenAsIs(chars, i, n)) {
                i = qp.plainRun(chars, i, n);
            } else if (c == '\r' || c == '\n') {
                qp.lineBreak();
                // CRLF is one line break, as are a lone CR and a lone LF.
                i += c == '\r' && i + 1 < n && chars[i + 1] == '\n' ? 2 : 1;
            } else if (c < 0x80) {
                qp.escaped(c); // "=", a control character, or a blank that ends a line
                i++;
            } else {
                i = qp.utf8(chars, i, n);
            }
        }
    }

    /** Whether the character at {@code i} goes out as it is: printable ASCII but "=", and no blank that ends a line (or the text). */
    private static boolean writtenAsIs(char[] chars, int i, int n) {
        char c = chars[i];
        if (c >= 0x80 || !PLAIN[c]) {
            return false;
        }
        return c != ' ' || i + 1 < n && chars[i + 1] != '\r' && chars[i + 1] != '\n';
    }

    /**
     * Copies the run of characters written as they are that starts at {@code i} (which is one),
     * up to the end of the line's room, deciding and copying each character in the same pass;
     * returns the index after the run's last copied character.
     */
    private int plainRun(char[] chars, int i, int n) {
        if (column == LINE) {
            softBreak();
            column = 0;
        }
        int limit = Math.min(n, i + LINE - column);
        out.reserve(limit - i);
        byte[] buf = out.buf;
        int end = out.size;
        int j = i;
        do {
            buf[end++] = (byte) chars[j++];
        } while (j < limit && writtenAsIs(chars, j, n));
        out.size = end;
        column += j - i;
        return j;
    }

    /**
     * Writes the character at {@code i}, outside ASCII, as its escaped UTF-8 bytes; returns the
     * index after it. A surrogate without its pair becomes "?", as {@code String.getBytes} makes it.
     */
    private int utf8(char[] chars, int i, int n) {
        char c = chars[i];
        int codePoint = c;
        int next = i + 1;
        if (Character.isHighSurrogate(c) && next < n && Character.isLowSurrogate(chars[next])) {
            codePoint = Character.toCodePoint(c, chars[next]);
            next++;
        } else if (Character.isSurrogate(c)) {
            plainRun(REPLACEMENT, 0, 1);
            return next;
        }
        if (codePoint < 0x800) {
            escaped(0xc0 | codePoint >> 6);
        } else if (codePoint < 0x10000) {
            escaped(0xe0 | codePoint >> 12);
            escaped(0x80 | (codePoint >> 6 & 0x3f));
        } else {
            escaped(0xf0 | codePoint >> 18);
            escaped(0x80 | (codePoint >> 12 & 0x3f));
            escaped(0x80 | (codePoint >> 6 & 0x3f));
        }
        escaped(0x80 | (codePoint & 0x3f));
        return next;
    }

    private void escaped(int c) {
        if ((column += 3) > LINE) {
            softBreak();
            column = 3;
        }
        out.reserve(3);
        byte[] buf = out.buf;
        int end = out.size;
        buf[end] = '=';
        buf[end + 1] = HEX[c >> 4];
        buf[end + 2] = HEX[c & 0xf];
        out.size = end + 3;
    }

    private void softBreak() {
        out.reserve(3);
        out.buf[out.size++] = '=';
        out.buf[out.size++] = '\r';
        out.buf[out.size++] = '\n';
    }

    private void lineBreak() {
        out.reserve(2);
        out.buf[out.size++] = '\r';
        out.buf[out.size++] = '\n';
        column = 0;
    }
}
