package org.optline.audience.suppression;

import org.optline.audience.Suppression;
import org.optline.audience.Suppressions;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/suppressions}: the client's suppression list. */
@RestController
@RequestMapping("/api/v1/suppressions")
class SuppressionsApi {

    record AddRequest(String email, String reason) {}

    private final Suppressions suppressions;

    SuppressionsApi(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @GetMapping
    Page<Suppression> list(Actor actor, @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit) {
        return suppressions.page(actor, cursor, limit);
    }

    @PostMapping
    @AllowedWhileSuspended("stops mail to an address")
    @ResponseStatus(HttpStatus.CREATED)
    Suppression add(Actor actor, @RequestBody AddRequest body) {
        return suppressions.add(actor, body.email(), body.reason());
    }
}
