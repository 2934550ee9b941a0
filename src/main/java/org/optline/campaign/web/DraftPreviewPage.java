package org.optline.campaign.web;

import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.UUID;
import org.optline.campaign.Campaigns;
import org.optline.campaign.DraftContent;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The editor's live preview of unsaved content. The rendered draft is kept in the user's session
 * and framed from its own address, which carries the preview policy (the message's inline styles,
 * no script, sandboxed) instead of the editor's strict one: a {@code srcdoc} frame would inherit
 * the editor's policy, which blocks the message's own CSS and so shows a hidden preheader.
 */
@Controller
class DraftPreviewPage {

    private static final String DRAFT = DraftPreviewPage.class.getName() + ".draft";

    private final Campaigns campaigns;

    DraftPreviewPage(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    /** Renders the unsaved draft for a sample person and answers the frame that shows it. */
    @PostMapping("/campaigns/draft-preview")
    @AllowedWhileSuspended("reads: renders a preview")
    String processDraft(Actor actor, @RequestParam MultiValueMap<String, String> form, Model model, HttpSession session) {
        try {
            String html = campaigns.draftPreview(actor, form.getFirst("subject"), form.getFirst("preheader"),
                    uuid(form.getFirst("templateId")), new DraftContent(form.getFirst("format"), form.getFirst("html"),
                            form.getFirst("markdown"))).html();
            session.setAttribute(DRAFT, html);
            // A new address for each version, so the frame loads the new draft rather than a cached one.
            model.addAttribute("draftVersion", Integer.toHexString(html.hashCode()));
        } catch (ValidationException e) {
            model.addAttribute("draftError", PageErrors.sentence(e, Map.of("html", "HTML")));
        }
        return "campaign/editor :: draft";
    }

    /** The latest rendered draft of this session, under the preview policy. */
    @GetMapping("/campaigns/draft-preview/preview.html")
    @AllowedWhileSuspended("reads: shows a preview")
    ResponseEntity<String> draft(Actor actor, HttpSession session) {
        actor.requireClient();
        Object html = session.getAttribute(DRAFT);
        return ResponseEntity.ok().contentType(CampaignPages.HTML_UTF8)
                .header("Content-Security-Policy", CampaignPages.PREVIEW_CSP)
                .header("X-Frame-Options", "SAMEORIGIN")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(html instanceof String s ? s : "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                        + "<body><p>Type in the editor to see a preview.</p></body></html>");
    }

    private static UUID uuid(String raw) {
        try {
            return raw == null || raw.isBlank() ? null : UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
