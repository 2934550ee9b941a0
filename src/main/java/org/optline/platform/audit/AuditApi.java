package org.optline.platform.audit;

import org.optline.platform.Actor;
import org.optline.platform.AuditEntry;
import org.optline.platform.AuditLog;
import org.optline.platform.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for operators, newest first. */
@RestController
class AuditApi {

    private final AuditLog audit;

    AuditApi(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit-log")
    Page<AuditEntry> list(Actor actor, @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) Integer limit) {
        return audit.page(actor, cursor, limit);
    }
}
