package org.optline.segment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.CustomFields;
import org.optline.audience.Lists;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.optline.segment.language.Expr;
import org.optline.segment.language.Parser;
import org.optline.segment.language.Printer;
import org.optline.segment.language.SegmentSyntaxException;
import org.optline.segment.sql.SegmentCompiler;
import org.optline.segment.sql.SegmentStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Segments: expressions in the segment language, checked against the client's fields and lists
 * before anything runs, compiled to tenant-scoped parameterised SQL, counted live, and saved by
 * name for campaigns to use (evaluated at send time). Suppressed and unsubscribed people are
 * excluded by the delivery side whatever a segment says.
 */
@Service
public class Segments {

    private final SegmentStore store;
    private final CustomFields fields;
    private final Lists lists;
    private final List<ConditionProvider> providers;
    private final TenantScope scope;
    private final Clock clock;

    public Segments(SegmentStore store, CustomFields fields, Lists lists,
                    ObjectProvider<ConditionProvider> providers,
                    TenantScope scope, Clock clock) {
        this.store = store;
        this.fields = fields;
        this.lists = lists;
        this.providers = providers.orderedStream().toList();
        this.scope = scope;
        this.clock = clock;
    }

    /** A live count, and a few of the people it matches. */
    public record Count(long count, List<SegmentStore.Sample> sample) {}

    public Count count(Actor actor, String expression, int sampleSize) {
        UUID clientId = actor.requireClient();
        CompiledSegment compiled = compile(clientId, expression);
        return scope.inClient(clientId, () -> new Count(store.count(compiled),
                sampleSize > 0 ? store.sample(compiled, sampleSize) : List.of()));
    }

    /**
     * Parses, checks and compiles {@code expression} for one client: the predicate for other
     * modules (campaign targeting) to combine with their own conditions. Errors are validation
     * errors on the field "expression", with the column.
     */
    public CompiledSegment compile(UUID clientId, String expression) {
        try {
            Expr expr = Parser.parse(expression);
            return new SegmentCompiler(clientId, fields.listFor(clientId), lists.listFor(clientId), providers, today(),
                    scope.isPostgres())
                    .compile(expr);
        } catch (SegmentSyntaxException e) {
            throw ValidationException.of("expression", e.getMessage());
        }
    }

    /** The canonical form of an expression (what the rule builder and round-trips print). */
    public String canonical(String expression) {
        try {
            return Printer.print(Parser.parse(expression));
        } catch (SegmentSyntaxException e) {
            throw ValidationException.of("expression", e.getMessage());
        }
    }

    /** The engagement and other provided fields the rule builder offers this client, with their choices. */
    public List<ConditionProvider.BuilderField> builderFields(Actor actor) {
        UUID clientId = actor.requireClient();
        return providers.stream().flatMap(p -> p.builderFields(clientId).stream()).toList();
    }

    public Segment create(Actor actor, String rawName, String expression) {
        UUID clientId = actor.requireClientWriter();
        String name = name(rawName);
        compile(clientId, expression);
        var now = Times.now(clock);
        var segment = new Segment(UUID.randomUUID(), clientId, name, expression.strip(), now, now);
        return scope.inClient(clientId, () -> {
            if (store.nameTaken(clientId, name, segment.id())) {
                throw new ConflictException("A segment named '" + name + "' already exists");
            }
            store.insert(segment);
            return segment;
        });
    }

    public Segment change(Actor actor, UUID id, String rawName, String expression) {
        UUID clientId = actor.requireClientWriter();
        return scope.inClient(clientId, () -> {
            Segment current = store.find(clientId, id).orElseThrow(() -> notFound(id));
            String name = rawName == null ? current.name() : name(rawName);
            String expr = expression == null ? current.expression() : expression.strip();
            compile(clientId, expr);
            if (store.nameTaken(clientId, name, id)) {
                throw new ConflictException("A segment named '" + name + "' already exists");
            }
            store.update(clientId, id, name, expr, Times.now(clock));
            return store.find(clientId, id).orElseThrow();
        });
    }

    public List<Segment> list(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.list(clientId));
    }

    public Segment get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> notFound(id));
    }

    /** A saved segment of one client, for other modules acting for it (campaign targeting). */
    public Optional<Segment> find(UUID clientId, UUID id) {
        return scope.inClient(clientId, () -> store.find(clientId, id));
    }

    public void delete(Actor actor, UUID id) {
        UUID clientId = actor.requireClientWriter();
        scope.inClient(clientId, () -> {
            store.find(clientId, id).orElseThrow(() -> notFound(id));
            store.delete(clientId, id);
        });
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }



    private static String name(String raw) {
        return TextFields.required("name", raw, 200);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No segment " + id);
    }
}
