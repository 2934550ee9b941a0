package org.optline.inbound.listener;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the data of a DATA command from the session's buffered input in blocks, rather than one
 * byte at a time through subethasmtp's dot-terminated and dot-unstuffing streams (which cost about
 * as much CPU as all the rest of a message's intake). It removes the dot that a sender put before
 * every line that starts with one (RFC 5321 §4.5.2) and stops right before the terminating
 * {@code .<CRLF>} line, which it leaves unread: the caller then lets subethasmtp's own data stream
 * read it, so that the session goes on exactly where the library expects it.
 *
 * <p>The input must support {@link InputStream#mark}: reading a block can go past the end of the
 * data (a pipelining sender's next command), and what was read past it is given back with
 * {@link InputStream#reset}.
 */
final class MessageData {

    private static final int BLOCK = 8192;

    private MessageData() {}

    /**
     * The message up to its terminating line, without stuffing dots; null when it has more than
     * {@code maxBytes} bytes (then the rest is read and dropped, so the session goes on).
     */
    static byte[] read(InputStream in, int maxBytes) throws IOException {
        Bounded out = new Bounded(maxBytes);
        byte[] block = new byte[BLOCK];
        // The start of the data counts as the start of a line.
        boolean lineStart = true;
        int previous = -1;
        while (true) {
            in.mark(BLOCK);
            int n = in.read(block, 0, BLOCK);
            if (n < 0) {
                throw new EOFException("The connection ended inside the message data");
            }
            int from = 0;
            int i = 0;
            boolean refill = false;
            while (i < n) {
                byte b = block[i];
                if (lineStart && b == '.') {
                    out.write(block, from, i - from);
                    if (i + 2 >= n) {
                        // Too few bytes to tell the end from a stuffed dot: give them back and look closer.
                        giveBack(in, i);
                        if (endFollows(in)) {
                            return out.result();
                        }
                        in.skip(1);
                        refill = true;
                        lineStart = false;
                        previous = '.';
                        break;
                    }
                    if (block[i + 1] == '\r' && block[i + 2] == '\n') {
                        giveBack(in, i);
                        return out.result();
                    }
                    from = i + 1;
                    lineStart = false;
                    previous = '.';
                    i++;
                    continue;
                }
                lineStart = previous == '\r' && b == '\n';
                previous = b;
                i++;
            }
            if (!refill) {
                out.write(block, from, n - from);
            }
        }
    }

    /** Resets the input to the mark and skips the first {@code keep} bytes of the block read since. */
    private static void giveBack(InputStream in, int keep) throws IOException {
        in.reset();
        long left = keep;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                throw new EOFException("Could not skip to the end of the message data");
            }
            left -= skipped;
        }
    }

    /** Whether the next bytes are {@code .<CRLF>}; reads none of them either way. */
    private static boolean endFollows(InputStream in) throws IOException {
        in.mark(3);
        int dot = in.read();
        int cr = in.read();
        int lf = in.read();
        in.reset();
        if (lf < 0) {
            throw new EOFException("The connection ended inside the message data");
        }
        return dot == '.' && cr == '\r' && lf == '\n';
    }

    /** Collects up to {@code max} bytes and counts the rest. */
    private static final class Bounded extends ByteArrayOutputStream {
        private final int max;
        private long total;

        Bounded(int max) {
            super(8192);
            this.max = max;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            total += len;
            if (total <= max) {
                super.write(b, off, len);
            }
        }

        byte[] result() {
            return total > max ? null : toByteArray();
        }
    }
}
