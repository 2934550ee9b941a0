package org.optline.inbound.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Block reads of DATA: the end line, stuffed dots, block boundaries, the size limit, what is left unread. */
class MessageDataTest {

    private static final String NEXT = "QUIT\r\n";

    @Test
    void readsUpToTheEndLineAndLeavesItUnread() throws IOException {
        for (int chunk : new int[] {1, 2, 3, 7, 8192}) {
            InputStream in = input("Subject: a\r\n\r\nbody\r\n.\r\n" + NEXT, chunk);
            assertThat(text(MessageData.read(in, 1000))).isEqualTo("Subject: a\r\n\r\nbody\r\n");
            assertThat(rest(in)).isEqualTo(".\r\n" + NEXT);
        }
    }

    @Test
    void removesTheStuffedDotOfEachLineStartingWithOne() throws IOException {
        String sent = "..first\r\nmid.dle\r\n..\r\n...\r\n.x\r\nlast\r\n.\r\n" + NEXT;
        for (int chunk : new int[] {1, 2, 3, 5, 8192}) {
            InputStream in = input(sent, chunk);
            assertThat(text(MessageData.read(in, 1000))).isEqualTo(".first\r\nmid.dle\r\n.\r\n..\r\nx\r\nlast\r\n");
            assertThat(rest(in)).isEqualTo(".\r\n" + NEXT);
        }
    }

    @Test
    void aDotAfterABareLineFeedIsContent() throws IOException {
        InputStream in = input("a\n.b\r\n.\r\n", 8192);
        assertThat(text(MessageData.read(in, 1000))).isEqualTo("a\n.b\r\n");
    }

    @Test
    void anEmptyMessageEndsAtOnce() throws IOException {
        InputStream in = input(".\r\n" + NEXT, 8192);
        assertThat(MessageData.read(in, 1000)).isEmpty();
        assertThat(rest(in)).isEqualTo(".\r\n" + NEXT);
    }

    @Test
    void messagesLongerThanABlockAndTheLimit() throws IOException {
        String line = "x".repeat(998) + "\r\n";
        String body = line.repeat(50);
        for (int chunk : new int[] {1000, 8192}) {
            InputStream in = input(body + ".\r\n" + NEXT, chunk);
            assertThat(text(MessageData.read(in, body.length()))).isEqualTo(body);
            assertThat(rest(in)).isEqualTo(".\r\n" + NEXT);
            InputStream over = input(body + ".\r\n" + NEXT, chunk);
            assertThat(MessageData.read(over, body.length() - 1)).isNull();
            assertThat(rest(over)).isEqualTo(".\r\n" + NEXT);
        }
    }

    @Test
    void theConnectionEndingInsideTheDataIsAnError() {
        assertThatThrownBy(() -> MessageData.read(input("body\r\n", 8192), 1000)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> MessageData.read(input("body\r\n.", 8192), 1000)).isInstanceOf(EOFException.class);
    }

    /** The session's input: buffered like subethasmtp's, over a stream that hands out at most {@code chunk} bytes a read. */
    private static InputStream input(String s, int chunk) {
        InputStream raw = new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }

            @Override
            public synchronized int available() {
                return 0;
            }
        };
        return new BufferedInputStream(raw, 8192);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String rest(InputStream in) throws IOException {
        return text(in.readAllBytes());
    }
}
