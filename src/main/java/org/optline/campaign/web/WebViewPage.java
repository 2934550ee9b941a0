package org.optline.campaign.web;

import org.optline.campaign.WebVersions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;

/** {@code /s/view/{token}}: the web version of a message, public behind its signed link, sandboxed like a preview. */
@Controller
class WebViewPage {

    private final WebVersions webVersions;

    WebViewPage(WebVersions webVersions) {
        this.webVersions = webVersions;
    }

    @GetMapping("/s/view/{token}")
    ResponseEntity<String> view(@PathVariable String token) {
        if (webVersions.isPreviewLink(token)) {
            return ResponseEntity.ok().contentType(CampaignPages.HTML_UTF8).header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .body("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Preview link</title></head><body>"
                            + "<p id=\"public-message\">This is a preview link. In a message sent to a subscriber, this link "
                            + "opens the message's web version. Nothing was changed.</p></body></html>");
        }
        return webVersions.webView(token)
                .map(p -> ResponseEntity.ok().contentType(CampaignPages.HTML_UTF8)
                        .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src https: http: data:; "
                                + "style-src 'unsafe-inline'; frame-ancestors 'none'")
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                        .body("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
                                + HtmlUtils.htmlEscape(p.subject()) + "</title></head><body>"
                                + p.html() + "</body></html>"))
                .orElseGet(() -> ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN)
                        .body("This link is not valid, or the message is no longer available."));
    }
}
