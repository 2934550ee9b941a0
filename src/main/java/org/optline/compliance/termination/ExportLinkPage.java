package org.optline.compliance.termination;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.optline.platform.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The link mailed to a terminated client's admins, who can no longer log in: the token is the
 * only credential (256 random bits, stored hashed). An unknown token answers 404, an expired one
 * 410, each with a page saying so.
 */
@Controller
class ExportLinkPage {

    private final Terminations terminations;

    ExportLinkPage(Terminations terminations) {
        this.terminations = terminations;
    }

    /** The zip, streamed from its file into the response; or a page saying why not. */
    @GetMapping("/termination-exports/{token}")
    ModelAndView download(@PathVariable String token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Terminations.LinkTarget target = terminations.byToken(token, request.getRemoteAddr());
        if (target instanceof Terminations.LinkTarget.Available available) {
            Terminations.Download download = available.download();
            response.setContentType("application/zip");
            response.setContentLengthLong(download.bytes());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(download.fileName()).build().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            Files.copy(download.file(), response.getOutputStream());
            return null;
        }
        if (target instanceof Terminations.LinkTarget.Expired expired) {
            return page(HttpStatus.GONE, "This export link has expired: the export was available until "
                    + expired.expiredAt().toLocalDate() + ", and the account's data is deleted when that time is up."
                    + " Nothing more can be downloaded.");
        }
        return page(HttpStatus.NOT_FOUND, "This export link is not valid. Check that the whole link from the mail was"
                + " copied; if it was, ask the operator of this Optline installation.");
    }

    private static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("compliance/export-link", Map.of("message", message));
        page.setStatus(status);
        return page;
    }

    /** The link needs no login: the security chain lets it through. */
    @Configuration
    static class Paths {
        @Bean
        PublicPaths terminationExportLinks() {
            return new PublicPaths(List.of("/termination-exports/*"), false);
        }
    }
}
