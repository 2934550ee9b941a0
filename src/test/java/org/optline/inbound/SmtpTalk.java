package org.optline.inbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A plain SMTP client over a socket, so tests see each reply exactly as the listener gave it
 * (code and text) and can check the database the moment a reply arrives.
 */
final class SmtpTalk implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    final String greeting;

    SmtpTalk(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        greeting = reply();
    }

    /** Sends one command line; answers the whole (possibly multi-line) reply. */
    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** DATA, the message (dot-stuffed), the final dot; answers the reply to the final dot (or the refusal of DATA). */
    String data(byte[] message) throws IOException {
        String go = command("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        StringBuilder stuffed = new StringBuilder(text.length() + 64);
        for (String line : text.split("\r\n", -1)) {
            stuffed.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        if (text.endsWith("\r\n")) {
            stuffed.setLength(stuffed.length() - 2);
        }
        out.write(stuffed.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(".\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** One whole transaction on this connection: MAIL, RCPT for each, DATA; answers the last reply. */
    String send(String from, List<String> to, byte[] message) throws IOException {
        String mail = command("MAIL FROM:<" + from + ">");
        if (!mail.startsWith("250")) {
            return mail;
        }
        boolean any = false;
        for (String rcpt : to) {
            String r = command("RCPT TO:<" + rcpt + ">");
            if (!r.startsWith("250")) {
                command("RSET");
                return r;
            }
            any = true;
        }
        return any ? data(message) : "no recipients";
    }

    private String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; so far: " + all);
            }
            all.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return all.toString().trim();
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // already closed
        } finally {
            socket.close();
        }
    }
}
