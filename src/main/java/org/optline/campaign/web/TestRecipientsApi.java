package org.optline.campaign.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.optline.campaign.TestRecipient;
import org.optline.campaign.TestRecipients;
import org.optline.platform.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/test-recipients}: the addresses besides the client's users that test messages may go to. */
@RestController
@RequestMapping("/api/v1/test-recipients")
class TestRecipientsApi {

    record AllowRequest(String email) {}

    record TestRecipientJson(String id, String email, String addedBy, OffsetDateTime createdAt) {
        static TestRecipientJson of(TestRecipient r) {
            return new TestRecipientJson(r.id().toString(), r.email(), r.addedBy(), r.createdAt());
        }
    }

    private final TestRecipients recipients;

    TestRecipientsApi(TestRecipients recipients) {
        this.recipients = recipients;
    }

    @GetMapping
    List<TestRecipientJson> list(Actor actor) {
        return recipients.list(actor).stream().map(TestRecipientJson::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TestRecipientJson allow(Actor actor, @RequestBody AllowRequest body) {
        return TestRecipientJson.of(recipients.allow(actor, body.email()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Actor actor, @PathVariable UUID id) {
        recipients.remove(actor, id);
    }
}
