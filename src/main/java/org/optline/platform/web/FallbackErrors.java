package org.optline.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.optline.platform.ClientStandingException;
import org.optline.platform.ConflictException;
import org.optline.platform.ForbiddenException;
import org.optline.platform.NotFoundException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that no API controller handled: unknown paths and methods and unreadable multipart
 * bodies (no handler is chosen before those fail) and domain errors from UI pages. Under
 * {@code /api/} they become problem JSON; elsewhere the container's error page renders them as
 * HTML. A page that lets a refusal ({@link ValidationException}, {@link ConflictException})
 * through, instead of showing it on its own form, gets the error page with the reason (400 or
 * 409), never a 500; a suspended client's change gets a page that says why.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FallbackErrors {

    private final JsonMapper json;

    FallbackErrors(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler({NoResourceFoundException.class, NotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return respond(request, response, HttpStatus.NOT_FOUND, "Not found", "The requested object does not exist.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return respond(request, response, HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                request.getMethod() + " is not supported here.");
    }

    /** A multipart body the container could not parse (no boundary, cut short, malformed). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return respond(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                "The multipart body could not be read: send multipart/form-data with a boundary and complete parts.");
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(HttpServletRequest request, HttpServletResponse response, ForbiddenException e)
            throws IOException {
        return respond(request, response, HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    /** A suspended client's change from a UI page: a page that says why, with the way back. */
    @ExceptionHandler(ClientStandingException.class)
    Object standing(HttpServletRequest request, ClientStandingException e) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ApiProblems.standingProblem(e);
        }
        var page = new ModelAndView("platform/read-only");
        page.setStatus(HttpStatus.FORBIDDEN);
        page.addObject("standing", e.standing().wireName());
        page.addObject("message", e.getMessage());
        return page;
    }

    @ExceptionHandler({ValidationException.class, ConflictException.class})
    ModelAndView refused(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
            throws IOException {
        HttpStatus status = e instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            var body = e instanceof ValidationException v ? ApiProblems.validation(v.errors().stream()
                    .map(f -> Map.of("field", f.field(), "message", f.message())).toList())
                    : ApiProblems.problem(status, "Conflict", e.getMessage());
            response.setStatus(status.value());
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(json.writeValueAsString(body.getBody()));
            return new ModelAndView();
        }
        var page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("detail", PageErrors.sentence(e));
        return page;
    }

    private static ResponseEntity<ProblemDetail> respond(HttpServletRequest request, HttpServletResponse response,
                                                         HttpStatus status, String title, String detail) throws IOException {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ApiProblems.problem(status, title, detail);
        }
        response.sendError(status.value());
        return null;
    }
}
