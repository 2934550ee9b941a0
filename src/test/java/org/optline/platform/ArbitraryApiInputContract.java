package org.optline.platform;

import static org.assertj.core.api.Assertions.fail;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.UnsupportedEncodingException;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.test.ApiRoutes;
import org.optline.test.ApiRoutes.Route;
import org.optline.test.Fixtures;
import org.optline.test.ObjectsOfEveryKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * No input makes the API answer 5xx. Every {@code /api/v1} route is read from Spring MVC's own
 * request mappings, as the tenant-isolation harness reads them, so a new route is covered
 * without being listed. Each is called with an operator key and with a client admin key, its ids
 * filled with real objects of that client and with random ones, its query parameters with
 * arbitrary text, and (for POST, PUT, PATCH) a body of arbitrary JSON: the members its request
 * record declares and others, with values of the right type and of every wrong one (nested
 * objects, arrays, huge numbers, long strings, NUL characters, dates far off, nulls). Every answer
 * must be below 500, and every 4xx problem JSON. Multipart routes (uploads) are left to their own
 * tests. The generator is seeded, and a failure names the seed, route and body.
 */
abstract class ArbitraryApiInputContract {

    private static final int BODIES_PER_ROUTE = 16;

    @Autowired ApplicationContext context;
    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void noArbitraryInputGivesA5xx() throws Exception {
        long seed = Long.getLong("optline.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        CreatedClient client = Fixtures.client(clients, "Fuzzed");
        Map<String, String> ids = objectsOf(client);
        List<String> strings = new ArrayList<>(List.of("", " ", "x", "a\u0000b", "\u0000", "name = \"x\"", "age > 1 or age < 0",
                "<p>{{name|{{<script>x</script>}}</p>", "{{content}}", "news@example.com", "not an email", "2030-01-01T09:00:00Z",
                "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1970-01-01", "draft", "sent", "suspended", "active",
                "analyst", "client_admin", "operator", "unsubscribed", "confirmed", "double", "single", "example.com", "..",
                "é\uD83D\uDE00", "\uD800", "%00", "../../etc/passwd", "' or 1=1 --", "9".repeat(40), "s".repeat(1_000),
                "h".repeat(600_000)));
        strings.addAll(ids.values());
        strings.add(client.client().id().toString());
        Map<String, String> failures = new LinkedHashMap<>();
        int calls = 0;
        int failed = 0;
        for (Route route : routes()) {
            for (String key : List.of(Fixtures.OPERATOR_KEY, client.adminApiKey().secret())) {
                String realId = ids.getOrDefault(resource(route.pattern()), UUID.randomUUID().toString());
                boolean hasBody = !route.method().equals("GET") && !route.method().equals("DELETE");
                for (int i = 0; i < (hasBody ? BODIES_PER_ROUTE : 4); i++) {
                    String id = switch (i % 4) {
                        case 0, 1 -> realId;
                        case 2 -> UUID.randomUUID().toString();
                        default -> random.nextBoolean() ? "not-a-uuid" : "%00";
                    };
                    String uri = ApiRoutes.VARIABLE.matcher(route.pattern()).replaceAll(id);
                    MockHttpServletRequestBuilder call = request(HttpMethod.valueOf(route.method()), uri)
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
                    for (Parameter p : route.handler().getMethod().getParameters()) {
                        RequestParam param = p.getAnnotation(RequestParam.class);
                        if (param != null && random.nextInt(3) > 0) {
                            String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : p.getName();
                            call.param(name, random.nextInt(3) == 0 ? String.valueOf(random.nextLong())
                                    : strings.get(random.nextInt(strings.size())));
                        }
                    }
                    String body = null;
                    if (hasBody) {
                        int shape = random.nextInt(8);
                        body = shape == 0 ? junk(random) : json.writeValueAsString(shape < 5
                                ? oneBadMember(bodyType(route), random, strings, ids) : value(bodyType(route), random, strings, 0));
                        call.contentType(MediaType.APPLICATION_JSON).content(body);
                    }
                    calls++;
                    String problem = check(call);
                    if (problem != null) {
                        failed++;
                        // One example of each route and kind of failure, so one cause cannot hide the others.
                        failures.putIfAbsent(route + " " + problem.substring(0, Math.min(3, problem.length())), route + " as "
                                + (key.equals(Fixtures.OPERATOR_KEY) ? "operator" : "client admin") + " " + uri
                                + " body " + abbreviate(body) + ": " + problem);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail("seed " + seed + " (rerun with -Doptline.fuzz.seed=" + seed + "), " + failed + " of " + calls
                    + " calls failed; one of each route and status:\n" + String.join("\n", failures.values()));
        }
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    private String check(MockHttpServletRequestBuilder call) {
        MvcResult result;
        try {
            result = mvc.perform(call).andReturn();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "threw " + abbreviate(root.toString());
        }
        int status = result.getResponse().getStatus();
        String type = result.getResponse().getContentType();
        try {
            if (status >= 500) {
                return status + " " + abbreviate(result.getResponse().getContentAsString());
            }
            if (status >= 400 && (type == null || !type.startsWith("application/problem+json"))) {
                return status + " without problem JSON (" + type + ") " + abbreviate(result.getResponse().getContentAsString());
            }
        } catch (UnsupportedEncodingException e) {
            return e.toString();
        }
        return null;
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>(ApiRoutes.of(mappings).stream().filter(r -> !r.multipart()).toList());
        // Deleting comes last, so the real objects are there for every other route; ending the
        // client (termination) after that, so every other route meets a live client.
        routes.sort(Comparator.comparing((Route r) -> r.pattern().contains("/terminat"))
                .thenComparing((Route r) -> r.method().equals("DELETE")).thenComparing(Route::toString));
        return routes;
    }

    private static Type bodyType(Route route) {
        for (Parameter p : route.handler().getMethod().getParameters()) {
            if (p.isAnnotationPresent(RequestBody.class)) {
                return p.getParameterizedType();
            }
        }
        return Object.class;
    }

    /**
     * A request that would pass but for one member: every member of the record valid as its name
     * suggests (an address, a list of this client, a segment expression …), then one of them, or
     * one inside a nested record, arbitrary. This reaches the code behind the first check.
     */
    private Object oneBadMember(Type type, Random random, List<String> strings, Map<String, String> ids) {
        Class<?> raw = type instanceof Class<?> c ? c : Object.class;
        if (!raw.isRecord()) {
            return value(type, random, strings, 0);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (RecordComponent c : raw.getRecordComponents()) {
            object.put(c.getName(), valid(c.getName(), c.getGenericType(), random, ids));
        }
        RecordComponent[] components = raw.getRecordComponents();
        if (components.length > 0) {
            RecordComponent bad = components[random.nextInt(components.length)];
            List<String> worst = List.of("a\u0000b", "\u0000", "s".repeat(1_000), "h".repeat(600_000), "+999999999-12-31T23:59:59Z", "9".repeat(40));
            object.put(bad.getName(), switch (random.nextInt(4)) {
                case 0, 1 -> worst.get(random.nextInt(worst.size()));
                case 2 -> strings.get(random.nextInt(strings.size()));
                default -> value(bad.getGenericType(), random, strings, 1);
            });
        }
        return object;
    }

    /** A value a member of this name and type would accept. */
    private Object valid(String name, Type type, Random random, Map<String, String> ids) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : Object.class;
        String n = name.toLowerCase(Locale.ROOT);
        if (raw.isRecord()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                object.put(c.getName(), valid(c.getName(), c.getGenericType(), random, ids));
            }
            return object;
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            if (n.contains("email")) {
                return List.of("p" + random.nextInt(1000) + "@fuzzed.de");
            }
            return n.contains("list") ? List.of(ids.get("lists")) : List.of();
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Map.of();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return random.nextBoolean();
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return 1 + random.nextInt(50);
        }
        if (n.endsWith("id") && !n.equals("id")) {
            String kind = n.substring(0, n.length() - 2);
            return ids.getOrDefault(kind + "s", ids.get("lists"));
        }
        return switch (n) {
            case "email", "fromemail", "replyto", "adminemail" -> "p" + random.nextInt(1000) + "@fuzzed.de";
            case "html" -> "<div><p>Hi {{name|there}}</p>{{content}}</div>";
            case "expression" -> "name = \"x\" or email contains \"y\"";
            case "optin" -> "single";
            case "status" -> List.of("unsubscribed", "active", "draft", "confirmed").get(random.nextInt(4));
            case "role" -> List.of("analyst", "editor", "client_admin").get(random.nextInt(3));
            case "type" -> "text";
            case "key" -> "k" + random.nextInt(1000);
            case "domain" -> "d" + random.nextInt(1000) + ".fuzzed.de";
            case "timezone" -> "Europe/Berlin";
            case "password", "adminpassword", "currentpassword", "newpassword" -> "a long enough password 4711";
            case "ip" -> "127.0.0.1";
            case "scheduledat" -> "2030-01-01T09:00:00Z";
            case "host" -> "smtp.fuzzed.de";
            default -> "Valid " + name + " " + random.nextInt(1000);
        };
    }

    /**
     * A JSON value for {@code type}: mostly of that type (records with their members, some left
     * out, some added), sometimes of any other.
     */
    private Object value(Type type, Random random, List<String> strings, int depth) {
        if (depth > 4 || random.nextInt(6) == 0) {
            return anything(random, strings, depth);
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : Object.class;
        if (raw.isRecord()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                if (random.nextInt(5) > 0) {
                    object.put(c.getName(), value(c.getGenericType(), random, strings, depth + 1));
                }
            }
            if (random.nextInt(4) == 0) {
                object.put("unexpected", anything(random, strings, depth + 1));
            }
            return object;
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> list = new ArrayList<>();
            int n = random.nextInt(4) == 0 ? 2_000 : random.nextInt(4);
            for (int i = 0; i < n; i++) {
                list.add(value(element, random, strings, depth + 1));
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                map.put(strings.get(random.nextInt(strings.size())).replace("h".repeat(600_000), "h"), anything(random, strings, depth + 1));
            }
            return map;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return random.nextBoolean();
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return number(random);
        }
        return strings.get(random.nextInt(strings.size()));
    }

    private Object anything(Random random, List<String> strings, int depth) {
        return switch (random.nextInt(depth > 3 ? 5 : 7)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> number(random);
            case 3, 4 -> strings.get(random.nextInt(strings.size()));
            case 5 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(anything(random, strings, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put("k" + random.nextInt(5), anything(random, strings, depth + 1));
                }
                yield map;
            }
        };
    }

    private static Object number(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(100);
            case 1 -> Long.MAX_VALUE;
            case 2 -> new BigInteger("9".repeat(400));
            case 3 -> -1;
            case 4 -> random.nextDouble() * 1e300;
            default -> new BigDecimal("1e-400");
        };
    }

    /** A body that is not JSON, or JSON of the wrong shape at the top. */
    private static String junk(Random random) {
        return List.of("", "{", "[]", "null", "\"text\"", "42", "{\"a\":", "{\"a\": 1e99999}", "[[[[[[[[[[[[[[[[[[[[", "\u0000")
                .get(random.nextInt(10));
    }

    private static String resource(String pattern) {
        var m = ApiRoutes.VARIABLE.matcher(pattern);
        String head = m.find() ? pattern.substring(0, m.start()) : pattern;
        String[] parts = head.split("/");
        return parts[parts.length - 1];
    }

    /** At most 300 characters, control characters and surrogates shown as escapes (a report cut at a NUL would hide the cause). */
    private static String abbreviate(String s) {
        if (s == null) {
            return "-";
        }
        String shown = s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + ")" : s;
        StringBuilder out = new StringBuilder();
        shown.chars().forEach(c -> out.append(c < 0x20 || Character.isSurrogate((char) c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    /** For each API resource, an object of it that {@code client} owns (its own client for the operator's routes). */
    private Map<String, String> objectsOf(CreatedClient client) {
        return ObjectsOfEveryKind.create(context, client, "fuzzed").ids();
    }
}
