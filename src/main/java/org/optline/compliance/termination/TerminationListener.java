package org.optline.compliance.termination;

import org.optline.platform.ClientStandingChanged;
import org.optline.platform.ClientStatus;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Begins the export and purge of a client the moment it is terminated (after the change committed). */
@Component
class TerminationListener {

    private final Terminations terminations;

    TerminationListener(Terminations terminations) {
        this.terminations = terminations;
    }

    @EventListener
    void on(ClientStandingChanged change) {
        if (change.to() == ClientStatus.TERMINATED) {
            terminations.begin(change.clientId(), change.reason() == null || change.reason().isBlank()
                    ? "(no reason given)" : change.reason());
        }
    }
}
