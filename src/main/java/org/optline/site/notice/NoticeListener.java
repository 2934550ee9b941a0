package org.optline.site.notice;

import org.optline.site.PolicyPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hears a published policy version once its transaction committed (a version rolled back is
 * never announced) and has a material one announced by mail.
 */
@Component
class NoticeListener {

    private static final Logger log = LoggerFactory.getLogger(NoticeListener.class);

    private final NoticeRunner runner;
    private final NoticeProperties settings;

    NoticeListener(NoticeRunner runner, NoticeProperties settings) {
        this.runner = runner;
        this.settings = settings;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(PolicyPublished policy) {
        if (!policy.material()) {
            return;
        }
        if (!settings.mailMaterialChanges()) {
            log.info("Privacy policy version {} is a material change; it is not mailed (optline.notices.mail-material-changes "
                    + "is off)", policy.version());
            return;
        }
        runner.announce(policy);
    }
}
