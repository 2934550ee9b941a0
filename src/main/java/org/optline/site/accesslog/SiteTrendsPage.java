package org.optline.site.accesslog;

import java.nio.charset.StandardCharsets;
import org.optline.platform.Actor;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The operator's trends of the site's access log: the page (figures as tables, charts drawn by
 * {@code site-trends.js} from the JSON beside it), the JSON, and the daily rows as CSV.
 */
@Controller
class SiteTrendsPage {

    private final SiteTrends trends;

    SiteTrendsPage(SiteTrends trends) {
        this.trends = trends;
    }

    @GetMapping("/operator/site-trends")
    String page(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        SiteTrends.Range range;
        try {
            range = trends.range(from, to);
        } catch (ValidationException e) {
            // The figures of the default range, under the message, with the dates as typed.
            model.addAttribute("error", PageErrors.sentence(e));
            range = trends.defaultRange();
        }
        model.addAttribute("from", from == null ? range.from().toString() : from);
        model.addAttribute("to", to == null ? range.to().toString() : to);
        model.addAttribute("trends", trends.of(actor, range));
        return "site/trends";
    }

    @GetMapping("/operator/site-trends.json")
    @ResponseBody
    SiteTrends.Trends json(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return trends.of(actor, trends.range(from, to));
    }

    @GetMapping("/operator/site-trends/export.csv")
    ResponseEntity<String> export(Actor actor, @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to) {
        SiteTrends.Range range = trends.range(from, to);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"site-trends-" + range.from() + "-to-" + range.to()
                        + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(TrendsCsv.of(trends.daily(actor, range)));
    }
}
