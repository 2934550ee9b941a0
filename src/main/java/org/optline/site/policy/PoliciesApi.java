package org.optline.site.policy;

import java.time.OffsetDateTime;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.optline.site.PolicyVersion;
import org.optline.site.PrivacyPolicies;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/policies}: publish and read privacy-policy versions (operator keys; client keys 403). */
@RestController
@RequestMapping("/api/v1/policies")
class PoliciesApi {

    /** A new version; {@code material} must be stated, the summary may be left out. */
    record PublishRequest(String text, Boolean material, String summary) {}

    /** A version without its text, as published and as listed. */
    record Summary(String id, int version, boolean material, String summary, OffsetDateTime publishedAt) {

        static Summary of(PolicyVersion v) {
            return new Summary(v.id().toString(), v.version(), v.material(), v.summary(), v.publishedAt());
        }
    }

    /** A version with its Markdown text. */
    record Detail(String id, int version, boolean material, String summary, OffsetDateTime publishedAt, String text) {

        static Detail of(PolicyVersion v) {
            return new Detail(v.id().toString(), v.version(), v.material(), v.summary(), v.publishedAt(), v.text());
        }
    }

    private final PrivacyPolicies policies;

    PoliciesApi(PrivacyPolicies policies) {
        this.policies = policies;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Summary publish(Actor actor, @RequestBody PublishRequest in) {
        return Summary.of(policies.publish(actor, in.text(), in.material(), in.summary()));
    }

    @GetMapping
    Page<Summary> list(Actor actor, @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        var page = policies.page(actor, cursor, limit);
        return new Page<>(page.items().stream().map(Summary::of).toList(), page.nextCursor());
    }

    @GetMapping("/{version}")
    Detail get(Actor actor, @PathVariable String version) {
        return Detail.of(policies.get(actor, version));
    }
}
