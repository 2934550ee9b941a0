package org.optline.campaign.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.campaign.RenderedMessage;
import org.optline.campaign.MessageTemplate;
import org.optline.campaign.Templates;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/templates} and {@code /api/v1/campaigns}: content, preview, checklist, test sends. */
@RestController
class CampaignsApi {

    record TemplateRequest(String name, String html) {}

    record TemplateJson(String id, String name, String html, OffsetDateTime createdAt) {
        static TemplateJson of(MessageTemplate t) {
            return new TemplateJson(t.id().toString(), t.name(), t.html(), t.createdAt());
        }
    }

    record CampaignJson(String id, String name, String subject, String preheader, String fromName, String fromEmail,
                        String replyTo, String html, String text, String templateId, String segmentId, List<String> listIds,
                        String status, OffsetDateTime scheduledAt, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                        String statusNote, boolean tracking, String format, String markdown) {
        static CampaignJson of(Campaign c) {
            return new CampaignJson(c.id().toString(), c.name(), c.subject(), c.preheader(), c.fromName(), c.fromEmail(),
                    c.replyTo(), c.html(), c.text(), c.templateId() == null ? null : c.templateId().toString(),
                    c.segmentId() == null ? null : c.segmentId().toString(), c.listIds().stream().map(UUID::toString).toList(),
                    c.status().wireName(), c.scheduledAt(), c.createdAt(), c.updatedAt(), c.statusNote(),
                    c.tracking(), c.format().wireName(), c.source());
        }
    }

    record PreviewRequest(UUID subscriberId) {}

    record TestRequest(List<String> emails) {}

    /** {@code sent}: how many went out; {@code skipped}: the addresses left out, and why. */
    record TestJson(int sent, List<Skipped> skipped) {}

    record Skipped(String email, String reason) {}

    record ChecksJson(boolean ready, long recipients, List<Campaigns.Check> checks) {}

    private final Campaigns campaigns;
    private final Templates templates;

    CampaignsApi(Campaigns campaigns, Templates templates) {
        this.campaigns = campaigns;
        this.templates = templates;
    }

    @PostMapping("/api/v1/templates")
    @ResponseStatus(HttpStatus.CREATED)
    TemplateJson createTemplate(Actor actor, @RequestBody TemplateRequest body) {
        return TemplateJson.of(templates.create(actor, body.name(), body.html()));
    }

    @GetMapping("/api/v1/templates")
    Page<TemplateJson> templates(Actor actor) {
        return new Page<>(templates.list(actor).stream().map(TemplateJson::of).toList(), null);
    }

    @GetMapping("/api/v1/templates/{id}")
    TemplateJson template(Actor actor, @PathVariable UUID id) {
        return TemplateJson.of(templates.get(actor, id));
    }

    @PostMapping("/api/v1/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    CampaignJson create(Actor actor, @RequestBody Campaigns.CampaignInput body) {
        return CampaignJson.of(campaigns.create(actor, body));
    }

    @GetMapping("/api/v1/campaigns")
    Page<CampaignJson> list(Actor actor) {
        return new Page<>(campaigns.list(actor).stream().map(CampaignJson::of).toList(), null);
    }

    @GetMapping("/api/v1/campaigns/{id}")
    CampaignJson get(Actor actor, @PathVariable UUID id) {
        return CampaignJson.of(campaigns.get(actor, id));
    }

    @PatchMapping("/api/v1/campaigns/{id}")
    CampaignJson change(Actor actor, @PathVariable UUID id, @RequestBody Campaigns.CampaignInput body) {
        return CampaignJson.of(campaigns.change(actor, id, body));
    }

    @DeleteMapping("/api/v1/campaigns/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable UUID id) {
        campaigns.delete(actor, id);
    }

    @PostMapping("/api/v1/campaigns/{id}/preview")
    @AllowedWhileSuspended("reads: renders a preview")
    RenderedMessage preview(Actor actor, @PathVariable UUID id, @RequestBody(required = false) PreviewRequest body) {
        return campaigns.preview(actor, id, body == null ? null : body.subscriberId());
    }

    @GetMapping("/api/v1/campaigns/{id}/checks")
    ChecksJson checks(Actor actor, @PathVariable UUID id) {
        var checks = campaigns.checks(actor, id);
        return new ChecksJson(checks.stream().allMatch(Campaigns.Check::ok), campaigns.recipients(actor, id), checks);
    }

    record SendRequest(OffsetDateTime scheduledAt) {}

    /** Starts sending now, or at {@code scheduledAt}; 400 with the failing checks when not ready. */
    @PostMapping("/api/v1/campaigns/{id}/send")
    CampaignJson send(Actor actor, @PathVariable UUID id, @RequestBody(required = false) SendRequest body) {
        return CampaignJson.of(campaigns.send(actor, id, body == null ? null : body.scheduledAt()));
    }

    @PostMapping("/api/v1/campaigns/{id}/pause")
    CampaignJson pause(Actor actor, @PathVariable UUID id) {
        return CampaignJson.of(campaigns.pause(actor, id));
    }

    @PostMapping("/api/v1/campaigns/{id}/resume")
    CampaignJson resume(Actor actor, @PathVariable UUID id) {
        return CampaignJson.of(campaigns.resume(actor, id));
    }

    @PostMapping("/api/v1/campaigns/{id}/cancel")
    CampaignJson cancel(Actor actor, @PathVariable UUID id) {
        return CampaignJson.of(campaigns.cancel(actor, id));
    }

    @PostMapping("/api/v1/campaigns/{id}/test")
    TestJson test(Actor actor, @PathVariable UUID id, @RequestBody TestRequest body) {
        Campaigns.TestSend result = campaigns.testSend(actor, id, body.emails());
        return new TestJson(result.sent().size(), result.suppressed().stream().map(e -> new Skipped(e, "suppressed")).toList());
    }
}
