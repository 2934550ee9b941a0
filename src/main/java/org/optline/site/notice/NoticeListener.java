package org.optline.site.notice;

import org.optline.site.PolicyPublished;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hears a published policy version once its transaction committed (a version rolled back is
 * never announced) and has a material one announced by mail.
 */
@Component
class NoticeListener {

    private final NoticeRunner runner;

    NoticeListener(NoticeRunner runner) {
        this.runner = runner;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(PolicyPublished policy) {
        if (policy.material()) {
            runner.announce(policy);
        }
    }
}
