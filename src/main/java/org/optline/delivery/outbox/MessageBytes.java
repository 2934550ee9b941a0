package org.optline.delivery.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a message is composed: one array, grown as needed, without the lock that {@link
 * java.io.ByteArrayOutputStream} takes on every write (one message is built by one thread).
 */
final class MessageBytes {

    private static final byte[] CRLF = {'\r', '\n'};

    byte[] buf;
    int size;

    MessageBytes(int capacity) {
        buf = new byte[capacity];
    }

    /** Makes room for {@code length} more bytes, for a writer that fills {@link #buf} itself. */
    void reserve(int length) {
        if (size + length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + length));
        }
    }

    void write(byte[] b, int off, int len) {
        reserve(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** A header line or a frame line, then CRLF; header values here are ASCII or already encoded. */
    void line(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
        write(CRLF, 0, 2);
    }

    /** Ends the last line, unless it has ended: the message then ends in CRLF as SMTP wants. */
    void endLine() {
        if (size < 2 || buf[size - 2] != '\r' || buf[size - 1] != '\n') {
            write(CRLF, 0, 2);
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }
}
