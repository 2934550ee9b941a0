package org.optline.site.notice;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.campaign.SendState;
import org.optline.platform.Actor;
import org.optline.site.PolicyNotice;
import org.optline.site.PolicyNotices;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/policy-notices}: the mail announcing material policy changes (operator keys only; anyone else: 404). */
@RestController
class PolicyNoticesApi {

    /** One run as the API answers it; {@code delivery} counts recipients per send state by wire name. */
    record NoticeJson(int version, UUID policyId, OffsetDateTime publishedAt, String status, UUID campaignId,
                      String campaignStatus, Long members, Long membersAdded, Long membersRemoved, Long recipients,
                      Map<String, Long> delivery, String note, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static NoticeJson of(PolicyNotice n) {
            Map<String, Long> delivery = null;
            if (n.delivery() != null) {
                delivery = new LinkedHashMap<>();
                for (SendState state : SendState.values()) {
                    delivery.put(state.wireName(), n.delivery().get(state));
                }
            }
            return new NoticeJson(n.version(), n.policyId(), n.publishedAt(), n.status(), n.campaignId(), n.campaignStatus(),
                    n.members(), n.membersAdded(), n.membersRemoved(), n.recipients(), delivery, n.note(), n.createdAt(),
                    n.updatedAt());
        }
    }

    record NoticesJson(List<NoticeJson> items) {}

    private final PolicyNotices notices;

    PolicyNoticesApi(PolicyNotices notices) {
        this.notices = notices;
    }

    @GetMapping("/api/v1/policy-notices")
    NoticesJson list(Actor actor) {
        return new NoticesJson(notices.list(actor).stream().map(NoticeJson::of).toList());
    }
}
