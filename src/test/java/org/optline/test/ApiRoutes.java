package org.optline.test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api/v1} route, read from Spring MVC's own request mappings, so the harnesses that
 * walk them (tenant isolation, suspension, arbitrary input) cover routes added later without a
 * list to keep.
 */
public final class ApiRoutes {

    /** A path variable such as {@code {id}}. */
    public static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /**
     * Resources no client owns whose routes refuse every client key with 403, whatever the id and
     * the client's standing: the privacy policy's versions are public pages, so a 404 would hide
     * nothing. Other operator routes answer clients 404, as a route that does not exist.
     */
    public static final Set<String> FORBIDDEN_TO_CLIENTS = Set.of("policies");

    private ApiRoutes() {}

    /** One method on one path pattern, with the handler that serves it. */
    public record Route(String method, String pattern, HandlerMethod handler) implements Comparable<Route> {

        /** The path segment before the first variable: {@code lists} for {@code /api/v1/lists/{id}}. */
        public String resource() {
            Matcher m = VARIABLE.matcher(pattern);
            String head = m.find() ? pattern.substring(0, m.start()) : pattern;
            String[] parts = head.split("/");
            return parts[parts.length - 1];
        }

        public boolean hasId() {
            return pattern.contains("{");
        }

        /** Whether it takes an upload (consumes multipart, or reads a file). */
        public boolean multipart() {
            return Arrays.stream(handler.getMethod().getParameterTypes()).anyMatch(MultipartFile.class::isAssignableFrom);
        }

        /** The pattern with every variable replaced by {@code id}. */
        public String uri(String id) {
            return VARIABLE.matcher(pattern).replaceAll(id);
        }

        @Override
        public int compareTo(Route o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** Every route under {@code /api/v1/}, sorted by method and pattern; a mapping without a method counts as GET. */
    public static List<Route> of(RequestMappingHandlerMapping mappings) {
        Set<Route> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/")) {
                    continue;
                }
                if (methods.isEmpty()) {
                    routes.add(new Route("GET", pattern, handler));
                }
                methods.forEach(m -> routes.add(new Route(m.name(), pattern, handler)));
            }
        });
        return List.copyOf(routes);
    }
}
