package org.optline.platform.users;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.NewUser;
import org.optline.platform.Page;
import org.optline.platform.Role;
import org.optline.platform.User;
import org.optline.platform.Users;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The logins of the caller's own client (operators: the operators). */
@RestController
@RequestMapping("/api/v1/users")
class UsersApi {

    record CreateRequest(String email, String password, String role) {}

    record RoleRequest(String role) {}

    record UserJson(String id, String email, String role, boolean enabled, OffsetDateTime createdAt,
                    OffsetDateTime lastLoginAt) {
        static UserJson of(User u) {
            return new UserJson(u.id().toString(), u.email(), u.role().wireName(), u.enabled(), u.createdAt(), u.lastLoginAt());
        }
    }

    private final Users users;

    UsersApi(Users users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserJson create(Actor actor, @RequestBody CreateRequest body) {
        Role role = body.role() == null ? null : Role.fromWire(body.role());
        return UserJson.of(users.create(actor, new NewUser(body.email(), body.password(), role)));
    }

    @GetMapping
    Page<UserJson> list(Actor actor) {
        return new Page<>(users.list(actor).stream().map(UserJson::of).toList(), null);
    }

    @GetMapping("/{id}")
    UserJson get(Actor actor, @PathVariable UUID id) {
        return UserJson.of(users.get(actor, id));
    }

    @PostMapping("/{id}/disable")
    @AllowedWhileSuspended("disables a login")
    UserJson disable(Actor actor, @PathVariable UUID id) {
        return UserJson.of(users.setEnabled(actor, id, false));
    }

    /** Another role for a user: one the caller may grant (403 otherwise), never the last enabled admin's (409). */
    @PostMapping("/{id}/role")
    UserJson role(Actor actor, @PathVariable UUID id, @RequestBody RoleRequest body) {
        Role role = body.role() == null ? null : Role.fromWire(body.role());
        return UserJson.of(users.changeRole(actor, id, role));
    }

    @PostMapping("/{id}/enable")
    UserJson enable(Actor actor, @PathVariable UUID id) {
        return UserJson.of(users.setEnabled(actor, id, true));
    }
}
