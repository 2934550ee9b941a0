package org.optline.site.forms;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.optline.platform.RateLimiter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;

/**
 * What the site's public forms share against bots and floods (STANDARDS 54): a honeypot field
 * that people never see, and a per-network limit of posts. The limiter's key is the address
 * itself, held in memory only and forgotten after a quiet day; it is never stored or logged.
 */
@Component
@EnableConfigurationProperties(FormLimits.class)
public class FormGuard {

    /** The honeypot's name: hidden from people by the {@code .hp} class, filled in by form-filling bots. */
    public static final String HONEYPOT = "website";

    private final RateLimiter limiter;
    private final FormLimits limits;

    FormGuard(RateLimiter limiter, FormLimits limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    public FormLimits limits() {
        return limits;
    }

    /** Whether the hidden field came back filled: a bot, answered as if accepted and otherwise ignored. */
    public boolean isBot(MultiValueMap<String, String> form) {
        String trap = form.getFirst(HONEYPOT);
        return trap != null && !trap.isBlank();
    }

    /** Counts a post of {@code form} from the request's address; false once it is over the limit. */
    public boolean withinLimit(String form, HttpServletRequest request) {
        String address = request.getRemoteAddr() == null ? "unknown" : request.getRemoteAddr().toLowerCase(Locale.ROOT);
        return limiter.tryAcquire("site-" + form + ":" + address, limits.perIp(), limits.window());
    }

    /**
     * Answers a post over the limit: 429 and the site's message page, {@code sentence} saying what
     * came too often with a {@code %s} where the wait ("10 minutes") goes. Returns the view.
     */
    public String tooMany(HttpServletResponse response, Model model, String sentence) {
        response.setStatus(429);
        model.addAttribute("heading", "Please wait a little");
        model.addAttribute("message", sentence.formatted(windowInWords()));
        return "site/message";
    }

    /** A field of a posted form as typed, or "" when it was not sent. */
    public static String field(MultiValueMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v;
    }

    /** The window in words for the 429 page: "10 minutes", "1 hour". */
    String windowInWords() {
        long minutes = Math.max(1, limits.window().toMinutes());
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "an hour" : hours + " hours";
        }
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }
}
