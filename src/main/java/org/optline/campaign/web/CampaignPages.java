package org.optline.campaign.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.optline.audience.Lists;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignCopies;
import org.optline.campaign.CampaignEngagement;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.campaign.ContentFormat;
import org.optline.campaign.DraftContent;
import org.optline.campaign.SendCounts;
import org.optline.campaign.SendProgress;
import org.optline.campaign.Templates;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.NavigationItem;
import org.optline.platform.PageErrors;
import org.optline.platform.Role;
import org.optline.platform.TooManyRequestsException;
import org.optline.platform.ValidationException;
import org.optline.segment.Segments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Campaign pages: the list, the editor with the pre-send checklist, a preview in a sandboxed
 * iframe, test sends, and the send / schedule / pause / resume / cancel buttons.
 */
@Controller
class CampaignPages {

    /**
     * The preview document's own policy: a sandboxed frame with no script, no forms, no plugins;
     * images from anywhere (as in a mail client), styles inline.
     */
    /** Message HTML with its charset named, or browsers guess Latin-1 and show "MÃ¼ller". */
    static final MediaType HTML_UTF8 = new MediaType("text", "html", StandardCharsets.UTF_8);

    static final String PREVIEW_CSP = "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'self'";

    /**
     * The layout a new template starts from. Written here rather than in the page: a Thymeleaf
     * string literal has no escapes, so a "\n" there is printed as a backslash and an n.
     */
    static final String DEFAULT_TEMPLATE = """
            <html><body>
            <div style="max-width: 600px; margin: 0 auto">
            {{content}}
            </div>
            </body></html>
            """;

    private static final Map<ContentFormat, String> FORMAT_LABELS = Map.of(ContentFormat.HTML, "HTML",
            ContentFormat.MARKDOWN, "Markdown", ContentFormat.RICHTEXT, "Rich text");

    private final Campaigns campaigns;
    private final Templates templates;
    private final Lists lists;
    private final Segments segments;
    private final Subscribers subscribers;
    private final Clients clients;
    private final SendProgress progress;
    private final CampaignCopies copies;
    private final CampaignEngagement engagement;

    CampaignPages(Campaigns campaigns, Templates templates, Lists lists, Segments segments, Subscribers subscribers,
                  Clients clients, SendProgress progress, CampaignCopies copies, CampaignEngagement engagement) {
        this.copies = copies;
        this.engagement = engagement;
        this.clients = clients;
        this.progress = progress;
        this.campaigns = campaigns;
        this.templates = templates;
        this.lists = lists;
        this.segments = segments;
        this.subscribers = subscribers;
    }

    @GetMapping("/campaigns")
    String list(Actor actor, Model model) {
        var all = campaigns.list(actor);
        Map<UUID, SendCounts> counts = new HashMap<>();
        all.forEach(c -> counts.put(c.id(), progress.counts(c.clientId(), c.id())));
        // Opens and clicks of the whole page in one read of analytics' rollups.
        Map<UUID, CampaignEngagement.Engagement> engaged = engagement.of(actor.requireClient(),
                all.stream().map(Campaign::id).toList());
        Map<UUID, EngagementView> rates = new HashMap<>();
        all.forEach(c -> rates.put(c.id(), EngagementView.of(counts.get(c.id()),
                engaged.getOrDefault(c.id(), CampaignEngagement.Engagement.NONE))));
        model.addAttribute("campaigns", all);
        model.addAttribute("counts", counts);
        model.addAttribute("rates", rates);
        return "campaign/campaigns";
    }

    @GetMapping("/campaigns/new")
    String initCreate(Actor actor, Model model) {
        return editor(actor, model, null, new Campaigns.CampaignInput("", "", "", "", "", "", "<h1>Hello {{name|there}}</h1>\n<p>…</p>",
                null, null, null, List.of(), true, ContentFormat.HTML.wireName(), "# Hello {{name|there}}\n\n…\n"));
    }

    @PostMapping("/campaigns")
    String processCreate(Actor actor, @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        Campaigns.CampaignInput input = input(form);
        try {
            Campaign c = campaigns.create(actor, input);
            redirect.addFlashAttribute("notice", "Saved the draft.");
            return "redirect:/campaigns/" + c.id();
        } catch (ValidationException | ConflictException e) {
            model.addAttribute("error", message(e));
            return editor(actor, model, null, input);
        }
    }

    @GetMapping("/campaigns/templates")
    String templates(Actor actor, Model model) {
        model.addAttribute("templates", templates.list(actor));
        model.addAttribute("defaultTemplateHtml", DEFAULT_TEMPLATE);
        return "campaign/templates";
    }

    @PostMapping("/campaigns/templates")
    String processTemplate(Actor actor, @RequestParam String name, @RequestParam String html, RedirectAttributes redirect) {
        try {
            templates.create(actor, name, html);
            redirect.addFlashAttribute("notice", "Saved the template " + name.strip() + ".");
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", message(e));
            redirect.addFlashAttribute("draftName", name);
            redirect.addFlashAttribute("draftHtml", html);
        }
        return "redirect:/campaigns/templates";
    }

    @GetMapping("/campaigns/{id}")
    String show(Actor actor, @PathVariable UUID id, @RequestParam(name = "as", required = false) String previewAs, Model model) {
        Campaign c = campaigns.get(actor, id);
        existing(actor, c, model);
        if (previewAs != null && !previewAs.isBlank()) {
            var person = subscribers.findByEmail(actor, previewAs);
            model.addAttribute("previewAs", previewAs.strip());
            model.addAttribute("previewAsId", person.map(s -> s.id().toString()).orElse(null));
            if (person.isEmpty()) {
                model.addAttribute("error", "No subscriber " + previewAs.strip() + "; the preview shows a sample person.");
            }
        }
        return editor(actor, model, c, new Campaigns.CampaignInput(c.name(), c.subject(), c.preheader(), c.fromName(), c.fromEmail(),
                c.replyTo(), c.html(), c.text(), c.templateId(), c.segmentId(), c.listIds(), c.tracking(), c.format().wireName(),
                c.source()));
    }

    @PostMapping("/campaigns/{id}")
    String processEdit(Actor actor, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model,
                       RedirectAttributes redirect) {
        Campaigns.CampaignInput input = input(form);
        try {
            campaigns.change(actor, id, input);
            redirect.addFlashAttribute("notice", "Saved.");
            return "redirect:/campaigns/" + id;
        } catch (ValidationException | ConflictException e) {
            Campaign c = campaigns.get(actor, id);
            existing(actor, c, model);
            model.addAttribute("error", message(e));
            return editor(actor, model, c, input);
        }
    }

    /** The rendered HTML for the preview iframe, with a policy of its own (sandbox, no script). */
    @GetMapping("/campaigns/{id}/preview.html")
    ResponseEntity<String> previewHtml(Actor actor, @PathVariable UUID id, @RequestParam(name = "as", required = false) UUID subscriberId) {
        return ResponseEntity.ok().contentType(HTML_UTF8)
                .header("Content-Security-Policy", PREVIEW_CSP)
                .header("X-Frame-Options", "SAMEORIGIN")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(campaigns.preview(actor, id, subscriberId).html());
    }

    @PostMapping("/campaigns/{id}/test")
    String processTest(Actor actor, @PathVariable UUID id, @RequestParam String emails, RedirectAttributes redirect) {
        try {
            var result = campaigns.testSend(actor, id, Arrays.stream(emails.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList());
            redirect.addFlashAttribute("notice", "Sent " + result.sent().size() + " test message(s); see them in the outbox."
                    + (result.suppressed().isEmpty() ? "" : " Not sent to " + String.join(", ", result.suppressed())
                    + ": suppressed."));
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", message(e));
        } catch (TooManyRequestsException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/campaigns/" + id;
    }

    /**
     * The live sending figures, polled by the campaign page every two seconds while it sends. The
     * rate is the change in "sent" since the previous poll, which passes its figures back, so the
     * server keeps nothing between polls.
     */
    @GetMapping("/campaigns/{id}/progress")
    String progress(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Long sent,
                    @RequestParam(required = false) Long at, Model model) {
        statusOf(actor, campaigns.get(actor, id), sent, at, model);
        return "campaign/progress :: polled";
    }

    @PostMapping("/campaigns/{id}/duplicate")
    String processDuplicate(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            Campaign copy = copies.duplicate(actor, id);
            redirect.addFlashAttribute("notice", "This is a new draft, copied from " + campaigns.get(actor, id).name() + ".");
            return "redirect:/campaigns/" + copy.id();
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", message(e));
            return "redirect:/campaigns/" + id;
        }
    }

    @PostMapping("/campaigns/{id}/status")
    String processStatus(Actor actor, @PathVariable UUID id, @RequestParam String action,
                         @RequestParam(required = false) String at, RedirectAttributes redirect) {
        try {
            switch (action) {
                case "send" -> campaigns.send(actor, id, null);
                case "schedule" -> campaigns.send(actor, id, when(at, clients.profile(actor.requireClient()).orElseThrow().zone()));
                case "pause" -> campaigns.pause(actor, id);
                case "resume" -> campaigns.resume(actor, id);
                case "cancel" -> campaigns.cancel(actor, id);
                default -> throw ValidationException.of("action", "is not one of send, schedule, pause, resume, cancel");
            }
            redirect.addFlashAttribute("notice", "The campaign is now " + campaigns.get(actor, id).status().wireName() + ".");
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/campaigns/" + id;
    }

    /** What the editor shows of a saved campaign besides its fields: status, sending figures, schedule, checklist. */
    private void existing(Actor actor, Campaign c, Model model) {
        statusOf(actor, c, null, null, model);
    }

    /** The status, its schedule in the client's time zone and the sending figures (the rate since {@code sent} at {@code at}). */
    private void statusOf(Actor actor, Campaign c, Long sent, Long at, Model model) {
        model.addAttribute("campaign", c);
        model.addAttribute("live", ProgressView.of(progress.counts(c.clientId(), c.id()), sent, at, System.currentTimeMillis()));
        var zone = clients.profile(actor.requireClient()).orElseThrow().zone();
        model.addAttribute("zone", zone.getId());
        model.addAttribute("scheduledLocal", c.scheduledAt() == null ? null
                : c.scheduledAt().atZoneSameInstant(zone).toLocalDateTime().toString().replace('T', ' '));
        model.addAttribute("checks", campaigns.checks(actor, c.id()));
        if (c.status() == CampaignStatus.DRAFT || c.status() == CampaignStatus.SCHEDULED) {
            // Only these offer "Send now", which names the count; a count is a query, and sending polls this.
            model.addAttribute("recipientCount", campaigns.recipients(actor, c.id()));
        }
    }

    private String editor(Actor actor, Model model, Campaign campaign, Campaigns.CampaignInput input) {
        model.addAttribute("input", input);
        model.addAttribute("formats", ContentFormat.values());
        model.addAttribute("formatLabels", FORMAT_LABELS);
        model.addAttribute("format", formatOf(input));
        model.addAttribute("lists", lists.list(actor));
        model.addAttribute("segments", segments.list(actor));
        model.addAttribute("templates", templates.list(actor));
        if (campaign == null) {
            model.addAttribute("campaign", null);
        }
        return "campaign/editor";
    }

    /** The format the editor opens in: the one asked for, HTML when it names none the server knows. */
    private static ContentFormat formatOf(Campaigns.CampaignInput input) {
        try {
            return ContentFormat.fromWire(input.format());
        } catch (ValidationException unknown) {
            return ContentFormat.HTML;
        }
    }

    private static Campaigns.CampaignInput input(MultiValueMap<String, String> form) {
        List<UUID> listIds = form.getOrDefault("listIds", List.of()).stream().map(CampaignPages::uuid).filter(Objects::nonNull).toList();
        return new Campaigns.CampaignInput(form.getFirst("name"), form.getFirst("subject"), form.getFirst("preheader"),
                form.getFirst("fromName"), form.getFirst("fromEmail"), form.getFirst("replyTo"), form.getFirst("html"),
                blank(form.getFirst("text")), uuid(form.getFirst("templateId")), uuid(form.getFirst("segmentId")), listIds,
                tracking(form), form.getFirst("format"), form.getFirst("markdown"));
    }

    /**
     * The "Track opens and clicks" checkbox. A browser leaves an unticked box out of the form, so
     * the editor also posts {@code trackingShown}: with it, no box means off; without it (a form
     * that never showed the box) the campaign's setting stays as it is.
     */
    private static Boolean tracking(MultiValueMap<String, String> form) {
        if (form.containsKey("tracking")) {
            return true;
        }
        return form.containsKey("trackingShown") ? false : null;
    }

    /** A local date-time from the form, in the client's time zone (or with an explicit offset). */
    private static OffsetDateTime when(String at, ZoneId zone) {
        if (at == null || at.isBlank()) {
            throw ValidationException.of("scheduledAt", "is required to schedule");
        }
        try {
            return at.length() > 16 && (at.contains("+") || at.endsWith("Z")) ? OffsetDateTime.parse(at)
                    : LocalDateTime.parse(at).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw ValidationException.of("scheduledAt", "must be a date and time like 2026-12-01T09:00");
        }
    }

    private static UUID uuid(String raw) {
        try {
            return raw == null || raw.isBlank() ? null : UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String message(RuntimeException e) {
        return PageErrors.sentence(e, Map.of("html", "HTML", "markdown", "Markdown"));
    }

    /** The campaigns and templates entries in the client navigation. */
    @Configuration
    static class Navigation {
        @Bean
        NavigationItem campaignsNav() {
            return new NavigationItem(NavigationItem.Area.CLIENT, NavigationItem.Group.CAMPAIGNS, "Campaigns", "/campaigns", 100,
                    Role.IN_CLIENT);
        }

        @Bean
        NavigationItem templatesNav() {
            return new NavigationItem(NavigationItem.Area.CLIENT, NavigationItem.Group.CAMPAIGNS, "Templates", "/campaigns/templates",
                    110, Role.IN_CLIENT);
        }
    }
}
