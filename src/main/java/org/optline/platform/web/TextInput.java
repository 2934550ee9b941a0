package org.optline.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.optline.platform.security.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one rule for text that comes in, whatever route it takes: no NUL character. PostgreSQL
 * cannot store one in text (it answered a 500 for list and subscriber names, segment values,
 * search prefixes and the public forms), and no person types one. JSON bodies are checked as they
 * are read, every string at any depth ({@link ApiProblems} names the member); form and query
 * parameters, names and values, by a filter in front of every page and API route, so a new route
 * is covered without a check of its own. Multipart requests (uploads) are left to their own
 * handling: reading their parameters here would read the upload.
 */
@Configuration
class TextInput {

    static final String NUL_MESSAGE = "must not contain a NUL character (\\u0000)";

    /** Every JSON string read by Spring MVC, including those inside maps and lists of {@code Object}. */
    @Bean
    JacksonModule nulRefusingStrings() {
        return new SimpleModule("optline-text-input").addDeserializer(String.class, new NulRefusingStrings());
    }

    /**
     * Right after the body limits ({@link RequestLimits}) and ahead of Spring Security: the login
     * form's address reaches the database (the account lookup, the failure count) before any
     * controller runs.
     */
    @Bean
    FilterRegistrationBean<NulRefusingParameters> nulRefusingParameters() {
        var registration = new FilterRegistrationBean<>(new NulRefusingParameters());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** The standard string reading, then the check. */
    static final class NulRefusingStrings extends StdScalarDeserializer<String> {

        NulRefusingStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new NulInJson(p);
            }
            return value;
        }
    }

    /** Thrown while reading JSON; its path names the member, which {@link ApiProblems} reports. */
    static final class NulInJson extends DatabindException {
        NulInJson(JsonParser p) {
            super(p, NUL_MESSAGE);
        }
    }

    static final class NulRefusingParameters extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String type = request.getContentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
                    if (hasNul(p.getKey()) || Arrays.stream(p.getValue()).anyMatch(NulRefusingParameters::hasNul)) {
                        refuse(request, response, p.getKey());
                        return;
                    }
                }
            }
            chain.doFilter(request, response);
        }

        private static boolean hasNul(String s) {
            return s != null && s.indexOf('\0') >= 0;
        }

        private static void refuse(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                ProblemResponses.writeFieldError(response, name.replaceAll("[^A-Za-z0-9_.\\-\\[\\]]", "?"),
                        NUL_MESSAGE.replace("\\", "\\\\"));
                return;
            }
            response.sendError(400);
        }
    }
}
