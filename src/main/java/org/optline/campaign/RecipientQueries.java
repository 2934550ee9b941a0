package org.optline.campaign;

import org.optline.audience.RecipientSelection;
import org.optline.segment.Segments;
import org.springframework.stereotype.Component;

/** Who a campaign goes to: its lists ∪, its segment ∩, minus suppressed and unconfirmed people. */
@Component
class RecipientQueries {

    private final Segments segments;

    RecipientQueries(Segments segments) {
        this.segments = segments;
    }

    RecipientSelection of(Campaign c) {
        RecipientSelection lists = RecipientSelection.of(c.clientId(), c.listIds());
        if (c.segmentId() == null) {
            return lists;
        }
        return segments.find(c.clientId(), c.segmentId())
                .map(segment -> lists.narrowedBy(segments.compile(c.clientId(), segment.expression()).asRecipientCondition()))
                .orElse(lists);
    }
}
