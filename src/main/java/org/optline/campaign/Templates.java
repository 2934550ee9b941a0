package org.optline.campaign;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.optline.campaign.store.CampaignStore;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/** A client's reusable layouts: HTML with one {@code {{content}}} slot, sanitised and compiled when saved. */
@Service
public class Templates {

    private static final String SLOT = "{{content}}";

    private final CampaignStore store;
    private final ContentEngine content;
    private final TenantScope scope;
    private final Clock clock;

    public Templates(CampaignStore store, ContentEngine content, TenantScope scope, Clock clock) {
        this.store = store;
        this.content = content;
        this.scope = scope;
        this.clock = clock;
    }

    public MessageTemplate create(Actor actor, String rawName, String html) {
        UUID clientId = actor.requireClientWriter();
        String name = TextFields.required("name", rawName, ContentLimits.MAX_NAME);
        TextFields.atMost("html", html, ContentLimits.MAX_CONTENT);
        html = html == null ? null : content.sanitize(html);
        if (html == null || html.indexOf(SLOT) < 0 || html.indexOf(SLOT) != html.lastIndexOf(SLOT)) {
            throw ValidationException.of("html", "must contain {{content}} exactly once, where the campaign's content goes");
        }
        content.compile(new ContentEngine.Source("x", html.replace(SLOT, ""), null));
        var now = Times.now(clock);
        var template = new MessageTemplate(UUID.randomUUID(), clientId, name, html, now, now);
        return scope.inClient(clientId, () -> {
            if (store.templateNameTaken(clientId, name)) {
                throw new ConflictException("A template named '" + name + "' already exists");
            }
            store.insertTemplate(template);
            return template;
        });
    }

    public List<MessageTemplate> list(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.templates(clientId));
    }

    public MessageTemplate get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.findTemplate(clientId, id)).orElseThrow(() -> new NotFoundException("No template " + id));
    }
}
