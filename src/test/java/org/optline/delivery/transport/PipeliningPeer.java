package org.optline.delivery.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on 127.0.0.1 that offers PIPELINING (or not) and tells whether the client used it
 * across messages: after the end of a message's data it looks, before answering, whether the
 * client's next command is already there. A client that waits for the 250 can never have sent
 * it, so the count does not depend on timing. Written by hand (no library server exposes this);
 * it speaks only what the transport's tests need.
 *
 * <p>By the recipient's local part:
 * <ul>
 * <li>{@code hard…}: 550 5.1.1 at RCPT (and DATA then finds no valid recipient);</li>
 * <li>{@code last…}: the data is accepted with 250, and the connection is closed right after,
 *     before any reply to what the client sent behind it;</li>
 * <li>{@code stall…}: the data is accepted with 250, and nothing after it is answered until the
 *     client gives up;</li>
 * <li>anything else: accepted.</li>
 * </ul>
 */
final class PipeliningPeer implements AutoCloseable {

    /** How long to look for the client's next command before answering the end of data. */
    private static final int LOOK_AHEAD_MILLIS = 1000;

    private final ServerSocket server;
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger nextCommandBeforeReply = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();

    private final boolean offersPipelining;

    PipeliningPeer(boolean offersPipelining) throws IOException {
        this.offersPipelining = offersPipelining;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "pipelining-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int acceptedFor(String recipient) {
        AtomicInteger n = accepted.get(recipient);
        return n == null ? 0 : n.get();
    }

    int connections() {
        return connections.get();
    }

    /** Ends of data after which the client's next command had arrived before the server's reply. */
    int pipelinedBehindData() {
        return nextCommandBeforeReply.get();
    }

    int resets() {
        return resets.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread session = new Thread(() -> converse(socket), "pipelining-peer-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 pipelining-peer ESMTP");
            String recipient = null;
            boolean inTransaction = false; // a MAIL accepted, and neither its data ended nor an RSET since
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, offersPipelining ? "250-pipelining-peer\r\n250-PIPELINING\r\n250 8BITMIME"
                            : "250-pipelining-peer\r\n250 8BITMIME");
                } else if (command.startsWith("RSET")) {
                    resets.incrementAndGet();
                    recipient = null;
                    inTransaction = false;
                    reply(out, "250 2.0.0 reset");
                } else if (command.startsWith("MAIL FROM:")) {
                    if (inTransaction) {
                        reply(out, "503 5.5.1 nested MAIL command"); // as Postfix answers: RSET first
                        continue;
                    }
                    recipient = null;
                    inTransaction = true;
                    reply(out, "250 2.1.0 ok");
                } else if (command.startsWith("RCPT TO:")) {
                    String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    if (address.startsWith("hard")) {
                        reply(out, "550 5.1.1 <" + address + ">: user unknown");
                    } else {
                        recipient = address;
                        reply(out, "250 2.1.5 ok");
                    }
                } else if (command.equals("DATA")) {
                    if (recipient == null) {
                        reply(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    while (!(line = in.readLine()).equals(".")) {
                        // the message itself is not kept
                    }
                    if (nextCommandArrives(in, socket)) {
                        nextCommandBeforeReply.incrementAndGet();
                    }
                    accepted.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
                    reply(out, "250 2.0.0 queued");
                    if (recipient.startsWith("stall")) {
                        Thread.sleep(60_000);
                        return;
                    }
                    if (recipient.startsWith("last")) {
                        while (in.ready()) {
                            in.readLine(); // read what came behind, so closing sends FIN, not RST
                        }
                        return;
                    }
                    recipient = null;
                    inTransaction = false; // the end of data ends the transaction
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException | InterruptedException | NullPointerException gone) {
            // the client went away
        }
    }

    private static boolean nextCommandArrives(BufferedReader in, Socket socket) throws IOException {
        long until = System.nanoTime() + LOOK_AHEAD_MILLIS * 1_000_000L;
        while (System.nanoTime() < until) {
            if (in.ready() || socket.getInputStream().available() > 0) {
                return true;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
