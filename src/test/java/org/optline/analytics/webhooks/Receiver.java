package org.optline.analytics.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook endpoint on a random local port: records what it is sent and answers the statuses it is given, then 200. */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            requests.add(new Request(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next answers, in order; 200 once they are used up. */
    Receiver answering(Integer... statuses) {
        answers.addAll(List.of(statuses));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
