package org.optline.delivery.outbox;

/**
 * Quoted-printable (RFC 2045 6.7) of a text part's UTF-8 bytes, written straight into the
 * composer's array. Every CR, LF or CRLF of the text becomes one CRLF line break; "=", control
 * characters (tab included) and bytes outside ASCII are written as "=XX"; a blank just before a
 * line break or at the very end is written as "=20"; lines longer than 76 characters are broken
 * with a soft "=" line break.
 *
 * <p>Why not a library's encoder: Angus Mail's {@code QPEncoderStream}, used until the tenth
 * session, is a filter stream that decides and writes one byte at a time, and profiling put it at
 * two thirds of the CPU of composing a 5 KB message. This one finds runs of characters that are
 * written as they are and copies them a line's room at a time: composing that message got about
 * a quarter faster (docs/benchmarks.md). Commons Codec's encoder writes line breaks as "=0D=0A"
 * and into a locked stream. The output is byte for byte what Angus's encoder writes ({@code
 * QuotedPrintableProperties} checks that on arbitrary text), so nothing changes for receivers or
 * for DKIM.
 */
final class QuotedPrintable {

    /** Characters a line may carry before a soft break: 76 less the "=" that ends a broken line. */
    private static final int LINE = 75;
    /** Bytes written as they are: printable ASCII but "=" (a blank too, unless it ends a line). */
    private static final boolean[] PLAIN = new boolean[256];
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    static {
        for (int c = ' '; c < 0x7f; c++) {
            PLAIN[c] = c != '=';
        }
    }

    private final byte[] out;
    private int end;
    private int column;

    private QuotedPrintable(byte[] out, int start) {
        this.out = out;
        this.end = start;
    }

    /**
     * The most bytes {@link #encode} writes for {@code length} input bytes: three for each, a soft
     * break for every 25 of those, and one held blank.
     */
    static int maxLength(int length) {
        return 4 * length + 8;
    }

    /**
     * Encodes {@code in} into {@code out} from index {@code start}, which must have {@link
     * #maxLength} bytes free; returns the index after the last byte written.
     */
    static int encode(byte[] in, byte[] out, int start) {
        QuotedPrintable qp = new QuotedPrintable(out, start);
        int n = in.length;
        int i = 0;
        while (i < n) {
            int c = in[i] & 0xff;
            if (PLAIN[c] && !(c == ' ' && endsLine(in, i + 1))) {
                // A run of characters written as they are: copied a line's room at a time.
                int runEnd = i + 1;
                while (runEnd < n && PLAIN[in[runEnd] & 0xff] && !(in[runEnd] == ' ' && endsLine(in, runEnd + 1))) {
                    runEnd++;
                }
                qp.plainRun(in, i, runEnd);
                i = runEnd;
            } else if (c == '\r' || c == '\n') {
                qp.lineBreak();
                // CRLF is one line break, as are a lone CR and a lone LF.
                i += c == '\r' && i + 1 < n && in[i + 1] == '\n' ? 2 : 1;
            } else {
                qp.escaped(c); // "=", a control character, a byte outside ASCII, or a blank that ends a line
                i++;
            }
        }
        return qp.end;
    }

    /** Whether a blank before index {@code next} would end its line: a line break or the end follows. */
    private static boolean endsLine(byte[] in, int next) {
        return next == in.length || in[next] == '\r' || in[next] == '\n';
    }

    private void plainRun(byte[] in, int from, int to) {
        while (from < to) {
            if (column == LINE) {
                softBreak();
                column = 0;
            }
            int length = Math.min(to - from, LINE - column);
            System.arraycopy(in, from, out, end, length);
            end += length;
            column += length;
            from += length;
        }
    }

    private void escaped(int c) {
        if ((column += 3) > LINE) {
            softBreak();
            column = 3;
        }
        out[end++] = '=';
        out[end++] = HEX[c >> 4];
        out[end++] = HEX[c & 0xf];
    }

    private void softBreak() {
        out[end++] = '=';
        out[end++] = '\r';
        out[end++] = '\n';
    }

    private void lineBreak() {
        out[end++] = '\r';
        out[end++] = '\n';
        column = 0;
    }
}
