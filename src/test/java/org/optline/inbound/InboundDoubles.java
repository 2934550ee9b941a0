package org.optline.inbound;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optline.inbound.actions.MailActions;
import org.optline.inbound.actions.StoredMail;
import org.optline.inbound.classify.Classification;
import org.optline.inbound.classify.InboundEnvelope;
import org.optline.inbound.classify.MailClassifier;
import org.optline.platform.TenantScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test doubles of the classifier and the actions, as {@code @Primary} beans for the tests of the
 * listener, the store and the processing (they win over the real ones where those exist). Not a
 * {@code @Configuration}: a child JVM started on the test class path scans for those, and only the
 * inbound test node ({@link InboundTestNode}) and the classes that {@code @Import} this one should
 * have them.
 *
 * <p>Each message says what the doubles do with it in its own headers: {@code X-Test-Kind} (the
 * kind, default unknown), {@code X-Test-Recipient}, {@code X-Test-Fail: always|once} (the actions
 * throw, every time or on the first attempt), {@code X-Test-Unmarked: yes} (the actions return
 * without marking the message processed), {@code X-Test-Slow: <millis>}.
 */
public class InboundDoubles {

    @Bean
    @Primary
    ScriptedClassifier scriptedClassifier() {
        return new ScriptedClassifier();
    }

    @Bean
    @Primary
    ScriptedActions scriptedActions(TenantScope scope) {
        return new ScriptedActions(scope);
    }

    static String header(byte[] raw, String name) {
        Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(name) + ":\\s*(.*?)\\s*$")
                .matcher(new String(raw, 0, Math.min(raw.length, 8192), StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }

    /** Reads the kind and recipient from the test headers. */
    public static class ScriptedClassifier implements MailClassifier {
        @Override
        public Classification classify(byte[] raw, InboundEnvelope envelope) {
            String kind = header(raw, "X-Test-Kind");
            return new Classification(kind == null ? MailKind.UNKNOWN : MailKind.fromWire(kind), header(raw, "X-Test-Recipient"),
                    header(raw, "X-Test-Status"), null, "test header", null, null, null);
        }
    }

    /** Marks each message processed in a platform transaction, or fails as its headers say; notes every call. */
    public static class ScriptedActions implements MailActions {
        private final TenantScope scope;
        final Map<UUID, List<Long>> calls = new ConcurrentHashMap<>();
        final Map<UUID, Integer> marked = new ConcurrentHashMap<>();
        volatile UUID markAsClient;

        ScriptedActions(TenantScope scope) {
            this.scope = scope;
        }

        int callsFor(UUID id) {
            List<Long> times = calls.get(id);
            return times == null ? 0 : times.size();
        }

        @Override
        public InboundResult apply(StoredMail mail, Classification classification, BiConsumer<UUID, InboundResult> markProcessed) {
            List<Long> times = calls.computeIfAbsent(mail.id(), id -> new CopyOnWriteArrayList<>());
            times.add(System.nanoTime());
            String slow = header(mail.raw(), "X-Test-Slow");
            if (slow != null) {
                try {
                    Thread.sleep(Long.parseLong(slow));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String fail = header(mail.raw(), "X-Test-Fail");
            if ("always".equals(fail) || ("once".equals(fail) && times.size() == 1)) {
                throw new IllegalStateException("actions failing on purpose");
            }
            InboundResult result = new InboundResult(classification.kind(), classification.recipient(), classification.status(),
                    "noted by the test actions");
            if ("yes".equals(header(mail.raw(), "X-Test-Unmarked"))) {
                return result;
            }
            scope.asPlatform(() -> {
                markProcessed.accept(markAsClient, result);
                marked.merge(mail.id(), 1, Integer::sum);
            });
            return result;
        }
    }
}
