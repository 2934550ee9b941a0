package org.optline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.DataDirectory;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Request bodies are bounded everywhere and multipart is parsed only where an upload is expected
 * (issue: 200 MB to /login, /s/subscribe or /s/unsubscribe was spooled to disk). These run over a
 * real socket: MockMvc skips the container's multipart parsing, which is where the harm was.
 * Each oversized request sends its headers only; an answer before any body proves the server
 * refused without reading it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "optline.audience.max-import-bytes=1048576")
@ActiveProfiles("test")
class RequestLimitsTest {

    private static final long HUGE = 200L * 1024 * 1024;

    @LocalServerPort int port;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Imports imports;
    @Autowired DataDirectory data;

    CreatedClient client;
    String key;
    UUID listId;

    @BeforeEach
    void aClientWithAList() {
        client = Fixtures.client(clients, "Limits");
        key = client.adminApiKey().secret();
        Actor admin = Fixtures.admin(client);
        listId = lists.create(admin, new Lists.ListInput("Imports " + UUID.randomUUID(), null, "single")).id();
    }

    @Test
    void multipartToTheLoginPageIsRefusedBeforeItsBodyIsRead() throws IOException {
        String answer = headersOnly("POST", "/login", "multipart/form-data; boundary=xyz", HUGE, null);
        assertThat(status(answer)).isEqualTo(415);
    }

    @Test
    void multipartToAPublicFormIsRefusedBeforeItsBodyIsRead() throws IOException {
        String answer = headersOnly("POST", "/s/subscribe/" + UUID.randomUUID(), "multipart/form-data; boundary=xyz", HUGE, null);
        assertThat(status(answer)).isEqualTo(415);
    }

    @Test
    void chunkedMultipartWithoutALengthIsRefusedWhereNoUploadIsExpected() throws IOException {
        String answer = headersOnly("POST", "/login", "multipart/form-data; boundary=xyz", -1, null);
        assertThat(status(answer)).isEqualTo(415);
    }

    @Test
    void aPublicFormTakesNoChunkedBodyWhoseSizeCannotBeKnownBeforeItIsParsed() throws IOException {
        String answer = headersOnly("POST", "/s/subscribe/" + UUID.randomUUID(), "application/x-www-form-urlencoded", -1, null);
        assertThat(status(answer)).isEqualTo(411);
    }

    @Test
    void oneClickUnsubscribeTakesSmallMultipartButNotLargeOnes() throws IOException {
        String answer = headersOnly("POST", "/s/unsubscribe/garbage", "multipart/form-data; boundary=xyz", HUGE, null);
        assertThat(status(answer)).isEqualTo(413);
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--xyz--\r\n";
        HttpResponse<String> small = send(HttpRequest.newBuilder(url("/s/unsubscribe/garbage"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        // A bad token is the page's own answer: the body was accepted and read.
        assertThat(small.statusCode()).isEqualTo(404);
    }

    @Test
    void anOversizedApiBodyIsAProblemBeforeItIsRead() throws IOException {
        String answer = headersOnly("POST", "/api/v1/lists", "application/json", HUGE, key);
        assertThat(status(answer)).isEqualTo(413);
        assertThat(answer).contains("application/problem+json").contains("\"status\":413");
    }

    @Test
    void anOversizedChunkedApiBodyIsRefusedWhileRead() throws IOException {
        byte[] json = ("{\"name\": \"" + "x".repeat(6 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("/api/v1/lists"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))));
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }

    @Test
    void anImportOverTheLimitLeavesNoRowAndNoFile() throws IOException {
        String answer = headersOnly("POST", "/api/v1/imports", "multipart/form-data; boundary=xyz", 2L * 1024 * 1024, key);
        assertThat(status(answer)).isEqualTo(413);
        assertThat(answer).contains("\"status\":413");
        assertNoImportsStored();
    }

    @Test
    void multipartWithoutABoundaryIsABadRequest() throws IOException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("/api/v1/imports"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("listId=" + listId)));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"status\":400");
        assertNoImportsStored();
    }

    @Test
    void malformedMultipartIsABadRequest() throws IOException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("/api/v1/imports"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename=\"a.csv\"\r\n\r\nemail\r\na@b.test\r\n")));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"status\":400");
        assertNoImportsStored();
    }

    @Test
    void aCsvWithTenThousandColumnsIsRefusedAndLeavesNothing() throws IOException {
        StringBuilder header = new StringBuilder("email");
        for (int i = 0; i < 10_000; i++) {
            header.append(",c").append(i);
        }
        HttpResponse<String> answer = upload(header + "\r\na@b.test\r\n");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("columns");
        assertNoImportsStored();
    }

    @Test
    void aCsvWithAHugeHeaderCellIsRefusedAndLeavesNothing() throws IOException {
        HttpResponse<String> answer = upload("email," + "h".repeat(1024 * 1024 - 100) + "\r\na@b.test,x\r\n");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("header");
        assertNoImportsStored();
    }

    @Test
    void uploadsNeverStartedExpireWithTheirFiles() throws IOException {
        // The wizard's first step: uploaded, then left at the column mapping.
        UUID id = imports.upload(Fixtures.admin(client), listId, "people.csv",
                new ByteArrayInputStream("email\r\na@b.test\r\n".getBytes(StandardCharsets.UTF_8))).id();
        Path file = data.forClient("imports", client.client().id()).resolve(id + ".csv");
        assertThat(file).exists();

        assertThat(imports.expireUnstarted(Instant.now().minus(Duration.ofHours(1)))).isZero();
        assertThat(file).exists();
        assertThat(imports.expireUnstarted(Instant.now().plusSeconds(1))).isEqualTo(1);
        assertThat(file).doesNotExist();
        assertNoImportsStored();
    }

    private void assertNoImportsStored() throws IOException {
        assertThat(imports.recent(Fixtures.admin(client))).isEmpty();
        Path dir = data.forClient("imports", client.client().id());
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            assertThat(files).isEmpty();
        }
    }

    private HttpResponse<String> upload(String csv) throws IOException {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"listId\"\r\n\r\n" + listId + "\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"attestation\"\r\n\r\nThey opted in\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--xyz--\r\n";
        return send(HttpRequest.newBuilder(url("/api/v1/imports"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /**
     * Sends a request's headers and no body, then reads the answer. {@code length} < 0 sends it
     * chunked. The read gives up after 20 s: a server that waits for the body never answers.
     */
    private String headersOnly(String method, String path, String contentType, long length, String apiKey) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n")
                    .append("Content-Type: ").append(contentType).append("\r\n");
            head.append(length < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n");
            if (apiKey != null) {
                head.append("Authorization: Bearer ").append(apiKey).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                    if (complete(answer.toByteArray())) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("No complete answer within 20 s; received: " + answer.toString(StandardCharsets.UTF_8), e);
            } catch (SocketException e) {
                // The server may close the connection right after its answer.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether the answer's head and body (by Content-Length, in bytes, or chunked) have all arrived. */
    private static boolean complete(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase();
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return !head.contains("transfer-encoding: chunked") || text.endsWith("0\r\n\r\n");
        }
        long length = Long.parseLong(head.substring(at + 15).split("\r\n")[0].strip());
        return answer.length - end - 4 >= length;
    }

    private static int status(String answer) {
        assertThat(answer).startsWith("HTTP/1.1 ");
        return Integer.parseInt(answer.substring(9, 12));
    }
}
