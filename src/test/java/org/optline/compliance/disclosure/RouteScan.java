package org.optline.compliance.disclosure;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every GET route of the application, read from Spring MVC's request mappings, and the body a call answers. */
final class RouteScan {

    static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

    private RouteScan() {}

    /** Every path pattern that answers GET (a mapping without a method answers every method), sorted. */
    static Set<String> getPatterns(RequestMappingHandlerMapping mappings) {
        Set<String> patterns = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                patterns.addAll(info.getPatternValues());
            }
        });
        return patterns;
    }

    /** Request parameters the app's filters take an object's id in, each set to {@code id}. */
    static String idParameters(String id) {
        return "?" + String.join("&", Stream.of("id", "clientId", "client", "listId", "campaignId", "subscriberId", "segmentId",
                "templateId", "as").map(name -> name + "=" + id).toList());
    }

    /** The body the request answers, streamed bodies included; a request that fails answers nothing. */
    static String body(MockMvc mvc, MockHttpServletRequestBuilder request) {
        try {
            MvcResult result = mvc.perform(request).andReturn();
            if (result.getRequest().isAsyncStarted()) {
                result = mvc.perform(asyncDispatch(result)).andReturn();
            }
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "";
        }
    }
}
