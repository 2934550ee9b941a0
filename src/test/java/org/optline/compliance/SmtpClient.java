package org.optline.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The few SMTP commands that hand one message to the inbound listener, as a feedback loop's server would. */
final class SmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        expect(reply(), "220");
    }

    /** Sends one message; answers the reply to its final dot. */
    String send(String from, String rcpt, String message) throws IOException {
        expect(command("EHLO fbl.example.net"), "250");
        expect(command("MAIL FROM:<" + from + ">"), "250");
        expect(command("RCPT TO:<" + rcpt + ">"), "250");
        expect(command("DATA"), "354");
        String body = message.endsWith("\r\n") ? message : message + "\r\n";
        // Dot-stuffing (RFC 5321 section 4.5.2): a line starting with a dot gets another.
        body = body.replace("\r\n.", "\r\n..");
        if (body.startsWith(".")) {
            body = "." + body;
        }
        out.write(body.getBytes(StandardCharsets.UTF_8));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answer = reply();
        command("QUIT");
        return answer;
    }

    private String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** One reply, all its lines ("250-..." continues, "250 ..." ends). */
    private String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("The server closed the connection after: " + all);
            }
            all.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return all.toString();
    }

    private static void expect(String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("Expected " + code + ", got " + reply);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
