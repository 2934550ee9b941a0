package org.optline.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optline.platform.Actor;
import org.optline.platform.Client;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.optline.platform.StandingFiguresSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Collects the {@link NavigationItem} beans of all modules and hands the pages the ones the
 * current user may see, plus who they are, for the layout's header.
 */
@ControllerAdvice(annotations = Controller.class)
class Navigation {

    private final ObjectProvider<NavigationItem> items;
    private final Clients clients;
    private final ObjectProvider<StandingFiguresSource> standingFigures;

    Navigation(ObjectProvider<NavigationItem> items, Clients clients, ObjectProvider<StandingFiguresSource> standingFigures) {
        this.items = items;
        this.clients = clients;
        this.standingFigures = standingFigures;
    }

    /** The client's standing level when it is flagged or crossed a pause line (the layout's notice), else null. */
    @ModelAttribute("standingNotice")
    String standingNotice(HttpServletRequest request) {
        Actor actor = ActorArgumentResolver.currentOrNull(request);
        StandingFiguresSource source = standingFigures.getIfAvailable();
        if (actor == null || actor.clientId() == null || source == null) {
            return null;
        }
        return source.notice(actor.clientId());
    }

    /** The client's standing when it is not active (the layout's banner), else null. */
    @ModelAttribute("standing")
    String standing(HttpServletRequest request) {
        Actor actor = ActorArgumentResolver.currentOrNull(request);
        if (actor == null || actor.clientId() == null) {
            return null;
        }
        ClientStatus standing = clients.standing(actor.clientId());
        return standing == ClientStatus.ACTIVE ? null : standing.wireName();
    }

    @ModelAttribute("nav")
    List<NavigationItem> nav(HttpServletRequest request) {
        Actor actor = ActorArgumentResolver.currentOrNull(request);
        if (actor == null) {
            return List.of();
        }
        Area area = actor.isOperator() ? Area.OPERATOR : Area.CLIENT;
        return items.orderedStream()
                .filter(i -> i.area() == area && i.visibleTo(actor.role()))
                .sorted(Comparator.comparing(NavigationItem::group).thenComparingInt(NavigationItem::order))
                .toList();
    }

    /** The visible entries in their sidebar sections, in the groups' order. */
    @ModelAttribute("navGroups")
    List<NavSection> navGroups(@ModelAttribute("nav") List<NavigationItem> nav) {
        Map<Group, List<NavigationItem>> byGroup = new EnumMap<>(Group.class);
        nav.forEach(i -> byGroup.computeIfAbsent(i.group(), g -> new ArrayList<>()).add(i));
        return byGroup.entrySet().stream().map(e -> new NavSection(e.getKey().heading(), e.getValue())).toList();
    }

    /** The path of the entry the current page belongs to: the longest one its address starts with. */
    @ModelAttribute("activePath")
    String activePath(HttpServletRequest request, @ModelAttribute("nav") List<NavigationItem> nav) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return nav.stream().map(NavigationItem::path)
                .filter(p -> p.equals(path) || (!p.equals("/") && path.startsWith(p + "/")))
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    /** The client's name for the sidebar, or null for operators. */
    @ModelAttribute("clientName")
    String clientName(HttpServletRequest request) {
        Actor actor = ActorArgumentResolver.currentOrNull(request);
        if (actor == null || actor.clientId() == null) {
            return null;
        }
        return clients.profile(actor.clientId()).map(Client::name).orElse(null);
    }

    /** The role as people read it ("client admin"), for the sidebar. */
    @ModelAttribute("roleLabel")
    String roleLabel(HttpServletRequest request) {
        Actor actor = ActorArgumentResolver.currentOrNull(request);
        return actor == null || actor.role() == null ? null : actor.role().wireName().replace('_', ' ');
    }

    /** One sidebar section: a heading (null for top-level links) and its entries. */
    record NavSection(String heading, List<NavigationItem> items) {}

    @ModelAttribute("me")
    Actor me(HttpServletRequest request) {
        return ActorArgumentResolver.currentOrNull(request);
    }

    /** The platform's own entries; other modules declare theirs the same way. */
    @Configuration
    static class PlatformEntries {
        private static final Set<Role> ADMINS = Set.of(Role.CLIENT_ADMIN, Role.OPERATOR);

        @Bean
        NavigationItem dashboardNav() {
            return new NavigationItem(Area.CLIENT, "Dashboard", "/dashboard", 0, Role.IN_CLIENT);
        }

        @Bean
        NavigationItem usersNav() {
            return new NavigationItem(Area.CLIENT, Group.SETTINGS, "Users", "/settings/users", 900, Set.of(Role.CLIENT_ADMIN));
        }

        @Bean
        NavigationItem apiKeysNav() {
            return new NavigationItem(Area.CLIENT, Group.SETTINGS, "API keys", "/settings/api-keys", 910, Set.of(Role.CLIENT_ADMIN));
        }

        @Bean
        NavigationItem accountNav() {
            return new NavigationItem(Area.CLIENT, Group.SETTINGS, "Account", "/settings/account", 890, Set.of(Role.CLIENT_ADMIN));
        }

        @Bean
        NavigationItem operatorClientsNav() {
            return new NavigationItem(Area.OPERATOR, "Clients", "/operator/clients", 0, Set.of(Role.OPERATOR));
        }

        @Bean
        NavigationItem operatorAuditNav() {
            return new NavigationItem(Area.OPERATOR, Group.REPORTS, "Audit log", "/operator/audit", 100, Set.of(Role.OPERATOR));
        }

        @Bean
        NavigationItem operatorUsersNav() {
            return new NavigationItem(Area.OPERATOR, Group.SETTINGS, "Operators", "/settings/users", 900, ADMINS);
        }

        @Bean
        NavigationItem operatorKeysNav() {
            return new NavigationItem(Area.OPERATOR, Group.SETTINGS, "API keys", "/settings/api-keys", 910, ADMINS);
        }
    }
}
