package org.optline.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.optline.platform.ClientStandingException;
import org.optline.platform.ConflictException;
import org.optline.platform.ForbiddenException;
import org.optline.platform.NotFoundException;
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
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors that no API controller handled: unknown paths and methods and unreadable multipart
 * bodies (no handler is chosen before those fail) and domain errors from UI pages. Under {@code /api/} they become problem JSON; elsewhere the container's
 * error page renders them as HTML.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FallbackErrors {

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

    /** A page whose handler does not turn bad input into a message of its own: 400, never 500. */
    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ProblemDetail> invalid(HttpServletRequest request, HttpServletResponse response, ValidationException e)
            throws IOException {
        return respond(request, response, HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(HttpServletRequest request, HttpServletResponse response, ConflictException e)
            throws IOException {
        return respond(request, response, HttpStatus.CONFLICT, "Conflict", e.getMessage());
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
        var page = new org.springframework.web.servlet.ModelAndView("platform/read-only");
        page.setStatus(HttpStatus.FORBIDDEN);
        page.addObject("standing", e.standing().wireName());
        page.addObject("message", e.getMessage());
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
