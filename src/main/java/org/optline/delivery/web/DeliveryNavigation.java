package org.optline.delivery.web;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery module's entries in the client and operator navigation. */
@Configuration
class DeliveryNavigation {

    private static final Set<Role> ALL = Role.IN_CLIENT;

    @Bean
    NavigationItem domainsNav() {
        return new NavigationItem(Area.CLIENT, "Sending domains", "/sending/domains", 300, ALL);
    }

    @Bean
    NavigationItem relayNav() {
        return new NavigationItem(Area.CLIENT, "SMTP relay", "/sending/relay", 305, Role.CLIENT_WRITERS);
    }

    @Bean
    NavigationItem outboxNav() {
        return new NavigationItem(Area.CLIENT, "Outbox", "/outbox", 310, ALL);
    }

    @Bean
    NavigationItem operatorOutboxNav() {
        return new NavigationItem(Area.OPERATOR, "Outbox", "/outbox", 300, Set.of(Role.OPERATOR));
    }

    @Bean
    NavigationItem transportNav() {
        return new NavigationItem(Area.OPERATOR, "Delivery", "/operator/delivery", 310, Set.of(Role.OPERATOR));
    }
}
