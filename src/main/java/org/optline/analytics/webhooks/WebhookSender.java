package org.optline.analytics.webhooks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt: POSTs a signed body to an endpoint and says what came back. Redirects are
 * not followed (a redirect could lead inside the network the address rule keeps endpoints out
 * of), so a 3xx is a failed attempt like any answer outside 2xx. The response body is not read.
 */
@Component
class WebhookSender {

    /** What an attempt came to: the status (null without an answer), how long it took, and why it failed without an answer. */
    record Result(Integer status, long millis, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private static final int MAX_ERROR = 300;

    private final HttpClient http;
    private final WebhookProperties settings;

    WebhookSender(WebhookProperties settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    Result post(String url, String id, long timestamp, String signature, String body) {
        URI uri = URI.create(url);
        // The name may resolve elsewhere than when the endpoint was saved.
        Optional<String> refused = WebhookUrls.hostProblem(uri.getHost(), settings.allowInternal());
        if (refused.isPresent()) {
            return new Result(null, 0, clip("the endpoint's host " + refused.get()));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Optline-Webhooks")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Result(response.statusCode(), elapsed(started), null);
        } catch (HttpTimeoutException e) {
            return new Result(null, elapsed(started), "no answer within the time limit");
        } catch (ConnectException e) {
            // The client often says no more than its cause's name (UnresolvedAddressException, for a name that does not resolve).
            return new Result(null, elapsed(started), clip("could not connect: " + describe(e.getCause() != null ? e.getCause() : e)));
        } catch (IOException e) {
            return new Result(null, elapsed(started), clip(describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, elapsed(started), "interrupted: the node is stopping");
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String clip(String s) {
        return s.length() > MAX_ERROR ? s.substring(0, MAX_ERROR) : s;
    }
}
