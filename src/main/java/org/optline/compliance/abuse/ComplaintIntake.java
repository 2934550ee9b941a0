package org.optline.compliance.abuse;

import java.time.Clock;
import org.optline.audience.SubscriberErased;
import org.optline.compliance.AbuseCase;
import org.optline.inbound.ComplaintReceived;
import org.optline.platform.Actor;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hears the inbound module's feedback-loop complaints and files each in an abuse case. A plain
 * {@code @EventListener}: it runs inside the transaction that records the complaint (inbound
 * publishes it there, in the client's scope), so the case commits or rolls back with the
 * complaint and the message's processed mark, and none is lost to a crash between the two.
 * Also hears erasures, which take the person's address and the report out of their complaints.
 */
@Component
class ComplaintIntake {

    private static final Actor INBOUND = Actor.system("inbound feedback loop");

    private final CaseIntake intake;
    private final AbuseCaseStore store;
    private final TenantScope scope;
    private final Clock clock;

    ComplaintIntake(CaseIntake intake, AbuseCaseStore store, TenantScope scope, Clock clock) {
        this.intake = intake;
        this.store = store;
        this.scope = scope;
        this.clock = clock;
    }

    @EventListener
    void on(ComplaintReceived c) {
        String report = c.report() != null ? c.report()
                : "Feedback-Type: " + c.feedbackType() + (c.userAgent() == null ? "" : "\nUser-Agent: " + c.userAgent());
        scope.inClient(c.clientId(), () -> intake.file(INBOUND, new CaseIntake.Incoming(c.clientId(), c.campaignId(),
                c.subscriberId(), c.email(), c.byReply() ? AbuseCase.Source.REPLY : AbuseCase.Source.FEEDBACK_LOOP,
                c.feedbackType() == null ? "abuse" : clip(c.feedbackType(), 40), clip(c.userAgent(), 500), clip(report, 8000),
                null, c.at())));
    }

    @EventListener
    void on(SubscriberErased erased) {
        if (erased.subscriberId() != null) {
            scope.inClient(erased.clientId(), () -> store.forgetSubscriber(erased.clientId(), erased.subscriberId(),
                    Times.now(clock)));
        }
    }

    static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
