package org.optline.site.accesslog;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A response that counts the body bytes written through it, by stream or by writer (a writer's
 * characters counted in the response's encoding), and answers the declared Content-Length for a
 * body it did not see written (a HEAD, or a body the container wrote itself).
 */
final class CountingResponse extends HttpServletResponseWrapper {

    private final AtomicLong written = new AtomicLong();
    private ServletOutputStream stream;
    private PrintWriter writer;
    private long declared = -1;

    CountingResponse(HttpServletResponse response) {
        super(response);
    }

    long bytes() {
        long counted = written.get();
        if (counted > 0) {
            return counted;
        }
        if (declared >= 0) {
            return declared;
        }
        String header = getHeader("Content-Length");
        if (header != null) {
            try {
                return Math.max(0, Long.parseLong(header.trim()));
            } catch (NumberFormatException ignored) {
                return 0;
            }
        }
        return 0;
    }

    @Override
    public void setContentLength(int length) {
        declared = length;
        super.setContentLength(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        declared = length;
        super.setContentLengthLong(length);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CountingStream(super.getOutputStream(), written);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            Charset charset;
            try {
                charset = Charset.forName(getCharacterEncoding());
            } catch (RuntimeException unknown) {
                charset = StandardCharsets.ISO_8859_1;
            }
            writer = new PrintWriter(new CountingWriter(super.getWriter(), charset, written), false);
        }
        return writer;
    }

    private static final class CountingStream extends ServletOutputStream {

        private final ServletOutputStream out;
        private final AtomicLong written;

        CountingStream(ServletOutputStream out, AtomicLong written) {
            this.out = out;
            this.written = written;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }

    /** Passes characters on and counts what they take in the response's encoding. */
    private static final class CountingWriter extends Writer {

        private final Writer out;
        private final Charset charset;
        private final boolean utf8;
        private final AtomicLong written;

        CountingWriter(Writer out, Charset charset, AtomicLong written) {
            this.out = out;
            this.charset = charset;
            this.utf8 = charset.equals(StandardCharsets.UTF_8);
            this.written = written;
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            out.write(chars, off, len);
            written.addAndGet(length(CharBuffer.wrap(chars), off, len));
        }

        @Override
        public void write(String text, int off, int len) throws IOException {
            out.write(text, off, len);
            written.addAndGet(length(text, off, len));
        }

        private long length(CharSequence chars, int off, int len) {
            if (!utf8) {
                return charset.encode(CharBuffer.wrap(chars, off, off + len)).remaining();
            }
            long bytes = 0;
            for (int i = off; i < off + len; i++) {
                char c = chars.charAt(i);
                if (c < 0x80) {
                    bytes += 1;
                } else if (c < 0x800) {
                    bytes += 2;
                } else if (Character.isSurrogate(c)) {
                    bytes += 2; // each half of a pair: four bytes together
                } else {
                    bytes += 3;
                }
            }
            return bytes;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
