package org.optline.analytics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.optline.test.PostgresTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A node claiming the outbox while another holds its claim's locks takes other rows without waiting (FOR UPDATE SKIP LOCKED). */
@PostgresTest
@TestPropertySource(properties = "optline.webhooks.allow-internal=true")
class PostgresWebhookClaimsTest {

    @Autowired Clients clients;
    @Autowired Webhooks webhooks;
    @Autowired WebhookOutbox writer;
    @Autowired WebhookOutboxStore outbox;
    @Autowired TenantScope scope;

    @Test
    void aNodeSkipsTheRowsAnotherIsClaimingAndEveryRowIsTakenOnce() throws Exception {
        var client = Fixtures.client(clients, "Claims");
        UUID clientId = client.client().id();
        webhooks.create(Fixtures.admin(client), new Webhooks.Input("https://claims.invalid/hooks", List.of("subscribed")));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        scope.inClient(clientId, () -> writer.add(clientId, WebhookEvent.SUBSCRIBED, IntStream.range(0, 200).boxed().toList(),
                i -> new WebhookOutbox.Event(now.toInstant(), Map.of("n", i))));

        // Node A holds its claim's row locks (its transaction stays open) while node B claims.
        CountDownLatch aClaimed = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        CompletableFuture<List<WebhookOutboxStore.Claimed>> nodeA = CompletableFuture.supplyAsync(() -> scope.asPlatform(() -> {
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
            List<WebhookOutboxStore.Claimed> claimed = outbox.claim("node-a", 100, at, at.plusMinutes(5), true);
            aClaimed.countDown();
            try {
                bDone.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return claimed;
        }));
        assertThat(aClaimed.await(30, TimeUnit.SECONDS)).isTrue();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        // B neither waits for A's locks nor takes A's rows.
        List<WebhookOutboxStore.Claimed> claimedByB = CompletableFuture.supplyAsync(() -> scope.asPlatform(
                () -> outbox.claim("node-b", 500, at, at.plusMinutes(5), true))).get(20, TimeUnit.SECONDS);
        bDone.countDown();
        List<UUID> a = nodeA.get().stream().filter(c -> c.clientId().equals(clientId)).map(WebhookOutboxStore.Claimed::id).toList();
        List<UUID> b = claimedByB.stream().filter(c -> c.clientId().equals(clientId)).map(WebhookOutboxStore.Claimed::id).toList();
        assertThat(a).isNotEmpty();
        assertThat(b).isNotEmpty();
        assertThat(a).doesNotContainAnyElementsOf(b);
        Set<UUID> all = new HashSet<>(a);
        all.addAll(b);
        assertThat(all).hasSize(200);
    }
}
