package org.optline.segment.sql;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.Page;
import org.optline.segment.Segment;
import org.optline.segment.Segments;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/segments}: saved segments and live counts. */
@RestController
@RequestMapping("/api/v1/segments")
class SegmentsApi {

    record SegmentRequest(String name, String expression) {}

    record CountRequest(String expression, Integer sample) {}

    record CountJson(long count, List<SegmentStore.Sample> sample) {}

    record SegmentJson(String id, String name, String expression, Long count, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static SegmentJson of(Segment s, Long count) {
            return new SegmentJson(s.id().toString(), s.name(), s.expression(), count, s.createdAt(), s.updatedAt());
        }
    }

    private final Segments segments;

    SegmentsApi(Segments segments) {
        this.segments = segments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SegmentJson create(Actor actor, @RequestBody SegmentRequest body) {
        return SegmentJson.of(segments.create(actor, body.name(), body.expression()), null);
    }

    @PostMapping("/count")
    @AllowedWhileSuspended("reads: counts a segment")
    CountJson count(Actor actor, @RequestBody CountRequest body) {
        int sample = body.sample() == null ? 0 : Math.max(0, Math.min(50, body.sample()));
        var count = segments.count(actor, body.expression(), sample);
        return new CountJson(count.count(), count.sample());
    }

    @GetMapping
    Page<SegmentJson> list(Actor actor) {
        return new Page<>(segments.list(actor).stream().map(s -> SegmentJson.of(s, null)).toList(), null);
    }

    @GetMapping("/{id}")
    SegmentJson get(Actor actor, @PathVariable UUID id) {
        Segment s = segments.get(actor, id);
        return SegmentJson.of(s, segments.count(actor, s.expression(), 0).count());
    }

    @PatchMapping("/{id}")
    SegmentJson change(Actor actor, @PathVariable UUID id, @RequestBody SegmentRequest body) {
        return SegmentJson.of(segments.change(actor, id, body.name(), body.expression()), null);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable UUID id) {
        segments.delete(actor, id);
    }
}
