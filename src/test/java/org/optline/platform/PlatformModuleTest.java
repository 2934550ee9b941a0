package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optline.test.Fixtures;
import org.optline.test.ModuleBeans;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.ActiveProfiles;

/**
 * The platform module on its own: no other module's beans, on a fresh H2 database. Platform
 * depends on no module, so it boots standalone; an operator creates a client with its first admin,
 * and the client reads its own profile.
 */
@ApplicationModuleTest(mode = BootstrapMode.STANDALONE)
@ActiveProfiles("test")
class PlatformModuleTest {

    @Autowired
    Clients clients;

    @Test
    void bootsThePlatformAlone(ApplicationContext context) {
        assertThat(ModuleBeans.modules(context)).containsExactly("platform");
    }

    @Test
    void anOperatorCreatesAClientWhoseAdminReadsIt() {
        CreatedClient created = Fixtures.client(clients, "Module Platform");

        assertThat(created.client().status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(clients.get(Fixtures.operator(), created.client().id()).name()).isEqualTo("Module Platform");
        assertThat(clients.own(Fixtures.admin(created)).id()).isEqualTo(created.client().id());
    }
}
