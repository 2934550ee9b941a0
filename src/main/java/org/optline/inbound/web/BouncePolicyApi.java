package org.optline.inbound.web;

import org.optline.inbound.actions.BouncePolicies;
import org.optline.inbound.actions.BouncePolicy;
import org.optline.platform.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/bounce-policy}: after how many soft bounces within how many days an address is suppressed. */
@RestController
@RequestMapping("/api/v1/bounce-policy")
class BouncePolicyApi {

    record PolicyRequest(Integer softBounceLimit, Integer softBounceDays) {}

    private final BouncePolicies policies;

    BouncePolicyApi(BouncePolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    BouncePolicy get(Actor actor) {
        return policies.get(actor);
    }

    @PutMapping
    BouncePolicy set(Actor actor, @RequestBody PolicyRequest body) {
        return policies.set(actor, body.softBounceLimit(), body.softBounceDays());
    }
}
