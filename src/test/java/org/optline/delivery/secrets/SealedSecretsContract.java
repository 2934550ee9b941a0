package org.optline.delivery.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.delivery.ClientRelay;
import org.optline.delivery.ClientRelays;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.dkim.DkimKeys;
import org.optline.delivery.domains.DomainStore;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.SecretBox;
import org.optline.platform.Signer;
import org.optline.platform.SiteProperties;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * DKIM private keys, clients' relay passwords and the token-signing key are sealed in the
 * database (docs/security.md), on H2 and on PostgreSQL (the two subclasses): what a dump of the
 * tables shows is ciphertext bound to its row, and the stores still hand the delivery engine the
 * secret itself. Rows from before sealing are sealed at start-up and read the same meanwhile; a
 * value that does not open (an altered row) is asked for again and pauses only its client's
 * campaigns.
 */
@TestPropertySource(properties = "optline.delivery.client-relays.allow-internal=true")
abstract class SealedSecretsContract {

    @Autowired Clients clients;
    @Autowired SendingDomains domains;
    @Autowired DomainStore domainStore;
    @Autowired DkimKeys dkimKeys;
    @Autowired ClientRelays relays;
    @Autowired PlainSecretsUpgrade upgrade;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired SecretBox box;
    @Autowired Signer signer;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired DeliveryWorker worker;

    private String stored(String sql, Object id) {
        return scope.asPlatform(() -> jdbc.sql(sql).param("id", id).query(String.class).single());
    }

    private void store(String sql, Object id, String value) {
        scope.asPlatform(() -> jdbc.sql(sql).param("id", id).param("value", value).update());
    }

    @Test
    void dkimKeysAreStoredSealedAndStillSign() {
        CreatedClient client = Fixtures.client(clients, "Sealed Keys");
        UUID id = domains.add(Fixtures.admin(client), "sealed-keys.example").id();
        String key = stored("select private_key from sending_domains where id = :id", id);

        assertThat(SecretBox.isSealed(key)).isTrue();
        String opened = scope.inClient(client.client().id(),
                () -> domainStore.signingKey(client.client().id(), "sealed-keys.example")).orElseThrow().privateKey();
        assertThat(opened).startsWith("MII"); // PKCS#8 in base64, as generated
        assertThat(key).doesNotContain(opened.substring(0, 40)).doesNotContain(opened.substring(opened.length() - 40));
        assertThat(dkimKeys.forSender(client.client().id(), "news@sealed-keys.example")).isPresent();
    }

    @Test
    void aSealedKeyCopiedIntoAnotherRowDoesNotOpenThere() {
        CreatedClient client = Fixtures.client(clients, "Copied Key");
        UUID first = domains.add(Fixtures.admin(client), "first.copied-key.example").id();
        UUID second = domains.add(Fixtures.admin(client), "second.copied-key.example").id();
        store("update sending_domains set private_key = :value where id = :id", second,
                stored("select private_key from sending_domains where id = :id", first));

        UUID clientId = client.client().id();
        assertThat(scope.inClient(clientId, () -> domainStore.signingKey(clientId, "first.copied-key.example"))).isPresent();
        assertThatThrownBy(() -> scope.inClient(clientId, () -> domainStore.signingKey(clientId, "second.copied-key.example")))
                .isInstanceOf(SecretBox.UnreadableSecret.class).hasMessageNotContaining("MII");
    }

    @Test
    void relayPasswordsAreStoredSealedAndReadBack() {
        CreatedClient client = Fixtures.client(clients, "Sealed Relay");
        relays.save(Fixtures.admin(client), new ClientRelays.RelayInput("127.0.0.1", 587, "starttls", "mailer",
                "a sealed relay password", null, null, null));
        String stored = stored("select password from client_relays where client_id = :id", client.client().id());

        assertThat(SecretBox.isSealed(stored)).isTrue();
        assertThat(stored).doesNotContain("sealed relay password");
        assertThat(relays.forDelivery(client.client().id())).map(ClientRelay::password).contains("a sealed relay password");
    }

    @Test
    void secretsStoredInTheClearBeforeAreSealedAtStartAndReadTheSameMeanwhile() {
        CreatedClient client = Fixtures.client(clients, "Old Secrets");
        UUID clientId = client.client().id();
        UUID id = domains.add(Fixtures.admin(client), "old-secrets.example").id();
        String plainKey = scope.inClient(clientId, () -> domainStore.signingKey(clientId, "old-secrets.example")).orElseThrow().privateKey();
        relays.save(Fixtures.admin(client), new ClientRelays.RelayInput("127.0.0.1", 587, "starttls", "mailer",
                "an old relay password", null, null, null));
        // As a release before sealing left them:
        store("update sending_domains set private_key = :value where id = :id", id, plainKey);
        store("update client_relays set password = :value where client_id = :id", clientId, "an old relay password");

        assertThat(scope.inClient(clientId, () -> domainStore.signingKey(clientId, "old-secrets.example")).orElseThrow().privateKey())
                .isEqualTo(plainKey);
        assertThat(relays.forDelivery(clientId)).map(ClientRelay::password).contains("an old relay password");

        upgrade.sealPlainSecrets();

        assertThat(SecretBox.isSealed(stored("select private_key from sending_domains where id = :id", id))).isTrue();
        assertThat(SecretBox.isSealed(stored("select password from client_relays where client_id = :id", clientId))).isTrue();
        assertThat(scope.inClient(clientId, () -> domainStore.signingKey(clientId, "old-secrets.example")).orElseThrow().privateKey())
                .isEqualTo(plainKey);
        assertThat(relays.forDelivery(clientId)).map(ClientRelay::password).contains("an old relay password");
    }

    @Test
    void theLongestPasswordInTheWidestCharactersFitsSealed() {
        CreatedClient client = Fixtures.client(clients, "Long Password");
        String longest = "\u20ac".repeat(500); // 500 characters of 3 bytes each in UTF-8
        relays.save(Fixtures.admin(client), new ClientRelays.RelayInput("127.0.0.1", 587, "starttls", "mailer", longest,
                null, null, null));
        assertThat(relays.forDelivery(client.client().id())).map(ClientRelay::password).contains(longest);
    }

    @Test
    void aPasswordThatDoesNotOpenIsAskedForAgainAndPausesTheClientsCampaigns() {
        CreatedClient client = Fixtures.client(clients, "Damaged Relay");
        CreatedClient other = Fixtures.client(clients, "Other Relay");
        UUID clientId = client.client().id();
        var admin = Fixtures.admin(client);
        for (CreatedClient c : List.of(client, other)) {
            relays.save(Fixtures.admin(c), new ClientRelays.RelayInput("127.0.0.1", 587, "starttls", "mailer",
                    "password of " + c.client().name(), null, null, null));
        }
        // Another client's sealed password, copied into this client's row, opens for neither.
        store("update client_relays set password = :value where client_id = :id", clientId,
                stored("select password from client_relays where client_id = :id", other.client().id()));

        assertThat(relays.hasPassword(admin)).isFalse();
        assertThat(relays.get(admin)).isPresent();
        assertThatThrownBy(() -> relays.save(admin, new ClientRelays.RelayInput("127.0.0.1", 587, "starttls", "mailer", null,
                null, null, null))).isInstanceOf(ValidationException.class);

        domains.add(admin, "damaged-relay.example");
        Fixtures.verified(scope, jdbc, clientId, "damaged-relay.example");
        MailingList list = lists.create(admin, new Lists.ListInput("Customers", null, "single"));
        subscribers.save(admin, new SubscriberInput("someone@example.net", null, Map.of(), List.of(list.id()), null), false);
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput("Damaged relay", "Hello", null, "Shop",
                "news@damaged-relay.example", null, "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        worker.runOnce();
        Campaign paused = campaigns.get(admin, c.id());
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.statusNote()).contains("password of your SMTP relay could not be read");
    }

    @Test
    void aTokenKeyStoredInTheClearStillSignsTheSameAndIsSealed() {
        String sealed = stored("select secret from platform_secrets where name = :id", "token-key");
        String key = box.open("platform_secrets:token-key", sealed);
        String token = signer.sign(new byte[] {1, 2, 3});
        store("update platform_secrets set secret = :value where name = :id", "token-key", key);

        Signer restarted = new Signer(jdbc, scope, Clock.systemUTC(), box, new SiteProperties("http://localhost:8080", ""));

        assertThat(restarted.verify(token)).isPresent();
        String resealed = stored("select secret from platform_secrets where name = :id", "token-key");
        assertThat(SecretBox.isSealed(resealed)).isTrue();
        assertThat(box.open("platform_secrets:token-key", resealed)).isEqualTo(key);

        store("update platform_secrets set secret = :value where name = :id", "token-key", key);
        new Signer(jdbc, scope, Clock.systemUTC(), box,
                new SiteProperties("http://localhost:8080", "a configured secret replaces the stored key"));
        assertThat(SecretBox.isSealed(stored("select secret from platform_secrets where name = :id", "token-key")))
                .as("sealed even when no longer used").isTrue();
    }

    @Test
    void theTokenKeyAndTheKeyCheckAreSealed() {
        assertThat(SecretBox.isSealed(stored("select secret from platform_secrets where name = :id", "token-key"))).isTrue();
        assertThat(SecretBox.isSealed(stored("select secret from platform_secrets where name = :id", "secrets-key-check"))).isTrue();
    }
}
