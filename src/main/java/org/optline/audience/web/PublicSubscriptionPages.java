package org.optline.audience.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.Preferences;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.audience.SubscriptionForms;
import org.optline.platform.NotFoundException;
import org.optline.platform.PageErrors;
import org.optline.platform.PublicPaths;
import org.optline.platform.RateLimiter;
import org.optline.platform.ValidationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The subscriber-facing pages under {@code /s/}: hosted subscription form, double opt-in
 * confirmation, preference centre. No login; links carry signed tokens. Forms may be posted from
 * other sites (the embed snippet), so they are CSRF-exempt and defended by a honeypot field and
 * per-address and per-client rate limits instead. Confirming takes a button press: a GET never
 * changes anything, because mail scanners open links. Links from previews and test sends are
 * recognised on every page and change nothing.
 */
@Controller
class PublicSubscriptionPages {

    static final String HONEYPOT = "website";
    private static final int PER_IP_PER_HOUR = 10;
    private static final int PER_CLIENT_PER_MINUTE = 120;

    private final SubscriptionForms forms;
    private final Preferences preferences;
    private final RateLimiter limiter;
    private final SubscriberTokens tokens;
    private final Subscribers subscribers;

    PublicSubscriptionPages(SubscriptionForms forms, Preferences preferences, RateLimiter limiter,
                            SubscriberTokens tokens, Subscribers subscribers) {
        this.forms = forms;
        this.preferences = preferences;
        this.limiter = limiter;
        this.tokens = tokens;
        this.subscribers = subscribers;
    }

    @GetMapping("/s/subscribe/{formId}")
    String initSubscribe(@PathVariable String formId, Model model, HttpServletResponse response) {
        return withForm(formId, model, response) ? "audience/public/subscribe" : gone(model, response);
    }

    @PostMapping("/s/subscribe/{formId}")
    String processSubscribe(@PathVariable String formId, @RequestParam MultiValueMap<String, String> form,
                            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!withForm(formId, model, response)) {
            return gone(model, response);
        }
        var open = (SubscriptionForms.PublicForm) model.getAttribute("open");
        String ip = request.getRemoteAddr();
        if (form.getFirst(HONEYPOT) != null && !form.getFirst(HONEYPOT).isBlank()) {
            model.addAttribute("outcome", "CONFIRMATION_SENT"); // a bot: look successful, do nothing
            return "audience/public/subscribed";
        }
        if (!limiter.tryAcquire("subscribe-ip:" + ip, PER_IP_PER_HOUR, Duration.ofHours(1))
                || !limiter.tryAcquire("subscribe-client:" + open.form().clientId(), PER_CLIENT_PER_MINUTE, Duration.ofMinutes(1))) {
            response.setStatus(429);
            model.addAttribute("message", "Too many sign-ups from your network just now. Please try again in an hour.");
            return "audience/public/message";
        }
        Map<String, String> values = FormFields.values(form, false);
        try {
            var outcome = forms.subscribe(open.form().id(), form.getFirst("email"), form.getFirst("name"), values, ip,
                    request.getHeader(HttpHeaders.USER_AGENT));
            model.addAttribute("outcome", outcome.name());
            return "audience/public/subscribed";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("error", PageErrors.sentence(e));
            model.addAttribute("email", form.getFirst("email"));
            model.addAttribute("name", form.getFirst("name"));
            model.addAttribute("values", values);
            return "audience/public/subscribe";
        }
    }

    @GetMapping("/s/confirm/{token}")
    String initConfirm(@PathVariable String token, Model model, HttpServletResponse response) {
        if (tokens.isPreview(token)) {
            return preview(model, "confirms a subscription");
        }
        var pending = forms.pending(token);
        if (pending.isEmpty()) {
            return invalidLink(model, response);
        }
        model.addAttribute("pending", pending.get());
        model.addAttribute("token", token);
        return "audience/public/confirm";
    }

    @PostMapping("/s/confirm/{token}")
    String processConfirm(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (tokens.isPreview(token)) {
            return preview(model, "confirms a subscription");
        }
        var preferencesToken = forms.confirm(token, request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
        if (preferencesToken.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("message", "This link is no longer valid: it was used already, has expired, or you "
                    + "unsubscribed after it was sent. To subscribe again, use the subscription form.");
            return "audience/public/message";
        }
        model.addAttribute("preferencesToken", preferencesToken.get());
        return "audience/public/confirmed";
    }

    /** A page with one button: a GET never unsubscribes (scanners open links, RFC 8058). */
    @GetMapping("/s/unsubscribe/{token}")
    String initUnsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
        if (tokens.isPreview(token)) {
            return preview(model, "unsubscribes its recipient");
        }
        var holder = tokens.readUnsubscribe(token);
        if (holder.isEmpty()) {
            return invalidLink(model, response);
        }
        model.addAttribute("token", token);
        model.addAttribute("preferencesToken", tokens.preferences(holder.get().clientId(), holder.get().subscriberId()));
        return "audience/public/unsubscribe";
    }

    /**
     * Unsubscribes at once: from the page's button, or as RFC 8058 one-click (body
     * {@code List-Unsubscribe=One-Click}, no cookie, no CSRF token). Answers 200, no redirect.
     */
    @PostMapping("/s/unsubscribe/{token}")
    String processUnsubscribe(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (tokens.isPreview(token)) {
            return preview(model, "unsubscribes its recipient");
        }
        var holder = tokens.readUnsubscribe(token);
        if (holder.isEmpty()) {
            return invalidLink(model, response);
        }
        try {
            subscribers.unsubscribe(holder.get().clientId(), holder.get().subscriberId(), new ConsentSource(
                    "1".equals(request.getParameter("page")) ? ConsentChannel.UNSUBSCRIBE : ConsentChannel.ONE_CLICK, null,
                    request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), null));
        } catch (NotFoundException erased) {
            // already erased: nothing is left to mail
        }
        model.addAttribute("message", "You are unsubscribed. You will receive no more messages from us.");
        return "audience/public/message";
    }

    @GetMapping("/s/preferences/{token}")
    String initPreferences(@PathVariable String token, Model model, HttpServletResponse response) {
        if (tokens.isPreview(token)) {
            return preview(model, "opens its recipient's preferences");
        }
        var view = preferences.view(token);
        if (view.isEmpty()) {
            return invalidLink(model, response);
        }
        model.addAttribute("view", view.get());
        model.addAttribute("token", token);
        return "audience/public/preferences";
    }

    @PostMapping("/s/preferences/{token}")
    String processPreferences(@PathVariable String token, @RequestParam MultiValueMap<String, String> form,
                              HttpServletRequest request, HttpServletResponse response, Model model) {
        if (tokens.isPreview(token)) {
            return preview(model, "opens its recipient's preferences");
        }
        Map<String, String> values = FormFields.values(form, true);
        Set<UUID> chosen = new HashSet<>();
        for (String id : form.getOrDefault("list", List.of())) {
            try {
                chosen.add(UUID.fromString(id));
            } catch (IllegalArgumentException ignored) {
                // not one of our checkboxes
            }
        }
        try {
            var saved = preferences.save(token, form.getFirst("name"), values, chosen, request.getRemoteAddr(),
                    request.getHeader(HttpHeaders.USER_AGENT));
            if (saved.isEmpty()) {
                return invalidLink(model, response);
            }
            model.addAttribute("notice", saved.get() == Preferences.Saved.SAVED ? "Your preferences are saved."
                    : "Your preferences are saved. To receive the lists you ticked, please check your inbox: we sent "
                    + "you a message with a link to confirm them.");
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("error", PageErrors.sentence(e));
        }
        return initPreferences(token, model, response);
    }

    @PostMapping("/s/preferences/{token}/unsubscribe")
    String processUnsubscribeAll(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
                                 Model model) {
        if (tokens.isPreview(token)) {
            return preview(model, "opens its recipient's preferences");
        }
        if (!preferences.unsubscribeAll(token, request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT))) {
            return invalidLink(model, response);
        }
        model.addAttribute("message", "You are unsubscribed from everything. You will receive no more messages from us.");
        return "audience/public/message";
    }

    @GetMapping("/s/preferences/{token}/data")
    @ResponseBody
    ResponseEntity<Map<String, Object>> data(@PathVariable String token) {
        return preferences.data(token)
                .map(d -> ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"my-data.json\"")
                        .contentType(MediaType.APPLICATION_JSON).body(d))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private boolean withForm(String formId, Model model, HttpServletResponse response) {
        UUID id;
        try {
            id = UUID.fromString(formId);
        } catch (IllegalArgumentException e) {
            return false;
        }
        var open = forms.open(id);
        open.ifPresent(o -> model.addAttribute("open", o));
        return open.isPresent();
    }

    private static String gone(Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("message", "This subscription form does not exist or is closed.");
        return "audience/public/message";
    }

    /**
     * A link from a preview or a test send: it names no subscriber, and the page says so rather
     * than look broken (200, so a tester sees the page, not an error).
     */
    private static String preview(Model model, String what) {
        model.addAttribute("message", "This is a preview link. In a message sent to a subscriber, this link "
                + what + ". Nothing was changed.");
        return "audience/public/message";
    }

    private static String invalidLink(Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("message", "This link is not valid. It may have been copied incompletely.");
        return "audience/public/message";
    }

    /** Declares /s/** public and CSRF-exempt (see the class comment for what protects it instead). */
    @Configuration
    static class Paths {
        @Bean
        PublicPaths subscriberPages() {
            return new PublicPaths(List.of("/s/**"), true);
        }
    }
}
